using GhostAssist.Api.Drafting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Templates;

public static class TemplatesSetup
{
    public static WebApplicationBuilder AddTemplates(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Templates");
        builder.Services.Configure<TemplateOptions>(section);
        builder.Services.TryAddSingleton(TimeProvider.System);

        var postgres = builder.Configuration.GetConnectionString("Templates");
        if (ServiceSources.From(builder.Configuration).UsesPostgres)
        {
            builder.Services.AddDbContext<TemplatesDb, PostgresTemplatesDb>(options => Quiet(options.UseNpgsql(postgres)));
        }
        else
        {
            var options = section.Get<TemplateOptions>() ?? new TemplateOptions();
            var path = Path.GetFullPath(options.SqlitePath, builder.Environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var connection = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = true,
                // Writers queue on the file lock instead of failing: SQLite serialises writes.
                DefaultTimeout = 30,
            }.ToString();
            builder.Services.AddDbContext<TemplatesDb, SqliteTemplatesDb>(db => Quiet(db.UseSqlite(connection)));
        }

        builder.Services.AddHostedService<TemplatesMigrator>();
        builder.Services.AddHealthChecks().AddCheck<TemplatesHealthCheck>("templates");
        builder.Services.AddScoped<ITemplateDraftSource, TemplateDraftSource>();
        return builder;
    }

    // A lost race (412, 409) is an answer, not an error, yet EF logs the failed command and SaveChanges
    // at Error level. Failures that are real still reach the exception handler, which logs them.
    private static DbContextOptionsBuilder Quiet(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Information),
            (RelationalEventId.CommandError, LogLevel.Information)));
}

/// <summary>
/// Applies the migrations before the server takes requests. Several instances may start at once on
/// PostgreSQL: EF Core 9+ takes a database lock around Migrate, so only one applies them.
/// </summary>
internal sealed class TemplatesMigrator(IServiceScopeFactory scopes, ILogger<TemplatesMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TemplatesDb>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer writes; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("Template store ready ({Provider})", db.Database.ProviderName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class TemplatesHealthCheck(TemplatesDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The template store cannot be reached.");
}
