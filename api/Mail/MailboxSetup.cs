namespace GhostAssist.Api.Mail;

public static class MailboxSetup
{
    public static WebApplicationBuilder AddMailbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DemoMailbox>();
        builder.Services.AddScoped<IMailboxSource>(services => services.GetRequiredService<DemoMailbox>());
        builder.Services.AddScoped<IOutlookDraftSaver, DemoOutlookDraftSaver>();
        return builder;
    }
}
