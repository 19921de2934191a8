using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.People;

namespace GhostAssist.Api.Mail;

/// <summary>
/// The one reading of "which thread": a <c>conversationId</c> of the signed-in mailbox, or
/// <c>messages</c> in the body with the owner's address <c>me</c> (the mailbox's own address when left
/// out). Every feature that takes a thread (analysis, threads, drafts, invites, templates) asks here, so
/// the same request means the same thread and fails with the same problem everywhere.
/// </summary>
public sealed class ThreadResolver(IMailboxSource mailbox)
{
    /// <summary>Longer than any mailbox's conversation id: refused before the mailbox is asked.</summary>
    public const int MaxConversationIdLength = 1024;

    /// <summary>The thread the request names; exactly one of <paramref name="conversationId"/> and <paramref name="messages"/> must be given.</summary>
    public async Task<MailThread> ResolveAsync(string? conversationId, IReadOnlyList<GraphMessage?>? messages, string? me, CancellationToken cancellationToken)
    {
        var hasId = !string.IsNullOrWhiteSpace(conversationId);
        if (hasId == messages is not null)
        {
            throw ApiProblemException.BadRequest("Give either a conversationId (a thread of your mailbox) or messages (a thread in the body), not both and not neither.");
        }

        if (hasId)
        {
            return await ByIdAsync(conversationId!, cancellationToken);
        }

        if (messages!.Count == 0)
        {
            throw ApiProblemException.BadRequest("The thread has no messages: give at least one message.");
        }

        return await InBodyAsync(messages, me, conversationId: null, cancellationToken);
    }

    /// <summary>
    /// The thread when the request names one, else null, for features where a thread only adds facts
    /// (an invite's attendee and wording). Messages win over an id given beside them, which then names them.
    /// </summary>
    public async Task<MailThread?> ResolveOptionalAsync(string? conversationId, IReadOnlyList<GraphMessage?>? messages, string? me, CancellationToken cancellationToken)
    {
        if (messages is { Count: > 0 })
        {
            return await InBodyAsync(messages, me, conversationId, cancellationToken);
        }

        return string.IsNullOrWhiteSpace(conversationId) ? null : await ByIdAsync(conversationId, cancellationToken);
    }

    /// <summary>A thread of the signed-in mailbox; 404 when it has none by that id.</summary>
    public async Task<MailThread> ByIdAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (conversationId.Length > MaxConversationIdLength)
        {
            throw ApiProblemException.BadRequest($"The conversationId is longer than any mailbox uses ({MaxConversationIdLength:N0} characters at most).");
        }

        return await mailbox.GetThreadAsync(conversationId, cancellationToken)
            ?? throw ApiProblemException.NotFound($"There is no conversation \"{Shorten(conversationId)}\" in your mailbox.");
    }

    /// <summary>A thread given in the body. Null entries are dropped; none left is for the analysis to refuse.</summary>
    public async Task<MailThread> InBodyAsync(IReadOnlyList<GraphMessage?> messages, string? me, string? conversationId, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(me, cancellationToken);
        var id = !string.IsNullOrWhiteSpace(conversationId)
            ? conversationId
            : messages.Select(m => m?.ConversationId).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)) ?? "inline";
        return new MailThread(id, owner, messages.OfType<GraphMessage>().ToList());
    }

    private async Task<string> OwnerAsync(string? me, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(me))
        {
            return await mailbox.GetMeAsync(cancellationToken);
        }

        return EmailAddresses.Normalize(me)
            ?? throw ApiProblemException.BadRequest(
                $"\"me\" must be a plain email address such as alex@contoso.com, at most {EmailAddresses.MaxLength} characters: it tells our side of the thread from theirs.");
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
