using System.Collections.Concurrent;
using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Tests.Outcomes;

/// <summary>Threads written for the outcome tests, and a mailbox whose threads a test can change between reads.</summary>
public static class OutcomeThreads
{
    public const string Me = "sam.seller@contoso.example";
    public const string Customer = "riley.buyer@fabrikam.example";

    public static GraphMessage Ours(string id, DateTimeOffset sent, string text, string? marker = null) => new()
    {
        Id = id,
        Subject = "RE: Fabrikam renewal",
        From = GraphRecipient.Of(Me, "Sam Seller"),
        ToRecipients = [GraphRecipient.Of(Customer, "Riley Buyer")],
        SentDateTime = sent,
        ReceivedDateTime = sent,
        Body = new GraphItemBody { ContentType = "text", Content = text },
        InternetMessageHeaders = marker is null ? null : [new GraphInternetMessageHeader { Name = "X-GhostAssist-Play", Value = marker }],
    };

    public static GraphMessage Theirs(string id, DateTimeOffset sent, string text, string? subject = null, string? meeting = null, bool autoReply = false) => new()
    {
        Id = id,
        Subject = subject ?? "RE: Fabrikam renewal",
        From = GraphRecipient.Of(Customer, "Riley Buyer"),
        ToRecipients = [GraphRecipient.Of(Me, "Sam Seller")],
        SentDateTime = sent,
        ReceivedDateTime = sent,
        Body = new GraphItemBody { ContentType = "text", Content = text },
        MeetingMessageType = meeting,
        InternetMessageHeaders = autoReply ? [new GraphInternetMessageHeader { Name = "Auto-Submitted", Value = "auto-replied" }] : null,
    };
}

/// <summary>An in-memory mailbox the test edits: what the API reads next is what the test put there.</summary>
public sealed class ScriptedMailbox : IMailboxSource
{
    private readonly ConcurrentDictionary<string, MailThread> _threads = new(StringComparer.Ordinal);

    public string Kind => "demo";

    public void Put(string conversationId, params GraphMessage[] messages) =>
        _threads[conversationId] = new MailThread(conversationId, OutcomeThreads.Me, messages.Select(m => m with { ConversationId = conversationId }).ToArray());

    public void Clear() => _threads.Clear();

    public Task<string> GetMeAsync(CancellationToken cancellationToken) => Task.FromResult(OutcomeThreads.Me);

    public Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_threads.GetValueOrDefault(conversationId));

    public Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MailThread>>(_threads.Values.OrderBy(t => t.ConversationId, StringComparer.Ordinal).ToList());
}

/// <summary>A clock the test moves: a week passes in one line.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
