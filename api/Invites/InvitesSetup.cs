using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Invites;

public static class InvitesSetup
{
    public static WebApplicationBuilder AddInvites(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InvitesOptions>()
            .Bind(builder.Configuration.GetSection(InvitesOptions.Section))
            .Validate(o => TimeZones.Find(o.TimeZone) is not null, "Invites:TimeZone must be a known IANA or Windows time zone.")
            .Validate(o => o.WorkingHours.Start < o.WorkingHours.End, "Invites:WorkingHours:Start must be before End.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Invites:Directory must name a folder.")
            .Validate(o => o.WindowBusinessDays is >= 1 and <= 20 && o.MaxWindowDays is >= 1 and <= 366 && o.MinimumNoticeMinutes >= 0, "Invites window settings are out of range.")
            .ValidateOnStart();

        builder.Services.AddScoped<IInviteThreadReader, AnalyzedInviteThreadReader>();
        builder.Services.AddSingleton<IcsInviteCalendar>();
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
}
