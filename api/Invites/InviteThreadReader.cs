using GhostAssist.Api.Analysis;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Invites;

/// <summary>What an invite needs from a thread: its subject, the main contact and the facts drafts are grounded in.</summary>
public sealed record InviteThread(string? ConversationId, string? Subject, IcsPerson? MainContact, ThreadFacts? Facts);

/// <summary>The seam between invites and thread analysis; tests feed it, the analyzer backs it.</summary>
public interface IInviteThreadReader
{
    /// <summary>The thread named by id (read from the mailbox) or given as messages; null when the request names none.</summary>
    Task<InviteThread?> ReadAsync(string? conversationId, IReadOnlyList<GraphMessage?>? messages, string? me, CancellationToken cancellationToken);
}

/// <summary>
/// Reads the thread from the mailbox source (or the request) and takes the main contact: the last
/// person on the other side who wrote, else the first person we wrote to. The analyzer's richer
/// choice (IsMainContact) and facts replace this once it is on main.
/// </summary>
public sealed class MailboxInviteThreadReader(IMailboxSource mailbox) : IInviteThreadReader
{
    public const int MaxMessages = 500;

    public async Task<InviteThread?> ReadAsync(string? conversationId, IReadOnlyList<GraphMessage?>? messages, string? me, CancellationToken cancellationToken)
    {
        if (messages is { Count: > 0 })
        {
            if (messages.Count > MaxMessages)
            {
                throw ApiProblemException.BadRequest($"A thread may hold at most {MaxMessages} messages; this one has {messages.Count}.");
            }

            var owner = string.IsNullOrWhiteSpace(me) ? await mailbox.GetMeAsync(cancellationToken) : me.Trim();
            var present = messages.OfType<GraphMessage>().ToList();
            return FromMessages(conversationId ?? present.FirstOrDefault(m => m.ConversationId is not null)?.ConversationId, owner, present);
        }

        if (string.IsNullOrWhiteSpace(conversationId))
        {
            return null;
        }

        if (conversationId.Length > 1024)
        {
            throw ApiProblemException.BadRequest("The conversationId is longer than any mailbox uses (1,024 characters at most).");
        }

        var thread = await mailbox.GetThreadAsync(conversationId, cancellationToken)
            ?? throw ApiProblemException.NotFound("There is no conversation with that id in the mailbox.");
        return FromMessages(thread.ConversationId, thread.Me, thread.Messages);
    }

    public static InviteThread FromMessages(string? conversationId, string me, IReadOnlyList<GraphMessage> messages)
    {
        var ordered = messages.OrderBy(m => m.When ?? DateTimeOffset.MinValue).ToList();
        bool Ours(string? address) => string.Equals(address?.Trim(), me, StringComparison.OrdinalIgnoreCase);

        var lastTheirs = ordered.LastOrDefault(m => m.From?.EmailAddress?.Address is { } a && !Ours(a))?.From?.EmailAddress;
        var firstWeWroteTo = ordered
            .Where(m => Ours(m.From?.EmailAddress?.Address))
            .SelectMany(m => m.ToRecipients ?? [])
            .Select(r => r.EmailAddress)
            .FirstOrDefault(a => a?.Address is { } address && !Ours(address));
        var contact = lastTheirs ?? firstWeWroteTo;
        return new InviteThread(
            conversationId,
            ordered.LastOrDefault(m => !string.IsNullOrWhiteSpace(m.Subject))?.Subject,
            contact?.Address is { } found ? new IcsPerson(found.Trim(), contact.Name) : null,
            Facts: null);
    }
}
