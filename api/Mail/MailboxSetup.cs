using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Mail;

public static class MailboxSetup
{
    public static WebApplicationBuilder AddMailbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<GraphOptions>(builder.Configuration.GetSection("Graph"));
        builder.Services.AddSingleton<DemoMailbox>();
        builder.Services.AddScoped<ThreadResolver>();
        if (ServiceSources.From(builder.Configuration).UsesGraph)
        {
            // Signed in with Entra ID: the user's own mailbox, on their behalf.
            builder.Services.AddGraphClient();
            builder.Services.AddMemoryCache();
            builder.Services.AddScoped<IMailboxSource, GraphMailbox>();
            builder.Services.AddScoped<IOutlookDraftSaver, GraphOutlookDraftSaver>();
            return builder;
        }

        builder.Services.AddScoped<IMailboxSource>(services => services.GetRequiredService<DemoMailbox>());
        builder.Services.AddScoped<IOutlookDraftSaver, DemoOutlookDraftSaver>();
        return builder;
    }
}
