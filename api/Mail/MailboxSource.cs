namespace GhostAssist.Api.Mail;

/// <summary>A conversation as read from a mailbox: messages in Graph's shape, and whose mailbox it is.</summary>
public sealed record MailThread(string ConversationId, string Me, IReadOnlyList<GraphMessage> Messages);

/// <summary>
/// Where threads come from: the embedded demo mailbox, or the signed-in user's mailbox through
/// Microsoft Graph. Scoped per request, since the Graph source acts on behalf of the caller.
/// </summary>
public interface IMailboxSource
{
    /// <summary>"demo" or "graph".</summary>
    string Kind { get; }

    /// <summary>The mailbox owner's address: the "our side" anchor for analysis.</summary>
    Task<string> GetMeAsync(CancellationToken cancellationToken);

    /// <summary>The thread's messages, or null when the mailbox has no such conversation.</summary>
    Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Recent threads in which we wrote last or are waiting on the other side (the radar's input).</summary>
    Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The conversation a message belongs to, or null when the mailbox has no such message. Outlook's
    /// Office.js conversationId can differ from Graph's, so the pane asks by the message's REST id.
    /// The default looks among the recent threads, which suits any source that holds them in memory.
    /// </summary>
    async Task<string?> FindConversationIdAsync(string messageId, CancellationToken cancellationToken)
    {
        var threads = await GetRecentThreadsAsync(cancellationToken);
        return threads.FirstOrDefault(t => t.Messages.Any(m => string.Equals(m.Id, messageId, StringComparison.Ordinal)))?.ConversationId;
    }
}
