namespace GhostAssist.Api.Mail;

/// <summary>The embedded demo mailbox. Placeholder until the demo threads land.</summary>
public sealed class DemoMailbox : IMailboxSource
{
    public string Kind => "demo";

    public Task<string> GetMeAsync(CancellationToken cancellationToken) => Task.FromResult("alex.morgan@ghostassist.example");

    public Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken) => Task.FromResult<MailThread?>(null);

    public Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MailThread>>([]);
}
