using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Templates;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GhostAssist.Api.Invites;

public static class InvitesSetup
{
    public static WebApplicationBuilder AddInvites(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InvitesOptions>()
            .Bind(builder.Configuration.GetSection(InvitesOptions.Section))
            .Validate(o => TimeZones.Find(o.TimeZone) is not null, "Invites:TimeZone must be a known IANA or Windows time zone.")
            .Validate(o => o.WorkingHours.Start < o.WorkingHours.End, "Invites:WorkingHours:Start must be before End.")
            .Validate(o => o.MaxStoredPerUser >= 1, "Invites:MaxStoredPerUser must be at least 1.")
            .Validate(o => o.WindowBusinessDays is >= 1 and <= 20 && o.MaxWindowDays is >= 1 and <= 366 && o.MinimumNoticeMinutes >= 0, "Invites window settings are out of range.")
            .ValidateOnStart();

        builder.Services.AddScoped<IInviteThreadReader, AnalyzedInviteThreadReader>();
        AddInviteStore(builder);
        builder.Services.AddScoped<IcsInviteCalendar>();
        builder.Services.AddSingleton<InviteLocks>();
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddScoped<GraphInviteCalendar>();
        // Read at resolution time, so the configuration a host or test ends with decides.
        builder.Services.AddScoped<IInviteCalendar>(services =>
            ServiceSources.From(services.GetRequiredService<IConfiguration>()).Invites == "graph"
                ? services.GetRequiredService<GraphInviteCalendar>()
                : services.GetRequiredService<IcsInviteCalendar>());
        builder.Services.AddScoped<InviteService>();
        return builder;
    }

    /// <summary>The template store's database (PostgreSQL when ConnectionStrings:Templates is set, else its SQLite file), shared by every instance.</summary>
    private static void AddInviteStore(WebApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Templates");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.Services.AddDbContext<InvitesDb, PostgresInvitesDb>(db => db.UseNpgsql(postgres, o => o.MigrationsHistoryTable(InvitesDb.HistoryTable)));
        }
        else
        {
            var templates = builder.Configuration.GetSection("Templates").Get<TemplateOptions>() ?? new TemplateOptions();
            var path = Path.GetFullPath(templates.SqlitePath, builder.Environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
            builder.Services.AddDbContext<InvitesDb, SqliteInvitesDb>(db => db.UseSqlite(connection, o => o.MigrationsHistoryTable(InvitesDb.HistoryTable)));
        }

        builder.Services.AddHostedService<InvitesMigrator>();
    }
}

/// <summary>Applies the invite store's migrations before requests (EF Core locks the database around Migrate, so several instances may start at once).</summary>
internal sealed class InvitesMigrator(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InvitesDb>().Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
