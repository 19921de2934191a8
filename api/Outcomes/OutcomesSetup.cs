using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Outcomes;

public static class OutcomesSetup
{
    /// <summary>Outcome counting (in the template store, so AddTemplates comes first) and follow-up flags.</summary>
    public static WebApplicationBuilder AddOutcomes(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OutcomeService>();
        if (ServiceSources.From(builder.Configuration).Mailbox == "graph")
        {
            builder.Services.AddScoped<IFollowUpFlagger, GraphFollowUpFlagger>();
        }
        else
        {
            builder.Services.AddSingleton<IFollowUpFlagger, DemoFollowUpFlagger>();
        }

        return builder;
    }
}
