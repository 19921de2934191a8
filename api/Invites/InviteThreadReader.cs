using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Invites;

/// <summary>What an invite needs from a thread: its subject, the main contact and the facts drafts are grounded in.</summary>
public sealed record InviteThread(string? ConversationId, string? Subject, IcsPerson? MainContact, ThreadFacts? Facts);

/// <summary>The seam between invites and thread analysis; the analyzer backs it, tests may feed it.</summary>
public interface IInviteThreadReader
{
    /// <summary>The thread named by id (read from the mailbox) or given as messages; null when the request names none.</summary>
    Task<InviteThread?> ReadAsync(string? conversationId, IReadOnlyList<GraphMessage?>? messages, string? me, CancellationToken cancellationToken);
}

/// <summary>
/// Reads the thread from the mailbox source (or the request) and lets the thread analyzer say who the
/// main contact is and what the thread's facts are, so the invite goes to the same person and speaks
/// to the same outcome as the drafts do.
/// </summary>
public sealed class AnalyzedInviteThreadReader(ThreadResolver threads, ThreadAnalysisService analyses) : IInviteThreadReader
{
    public async Task<InviteThread?> ReadAsync(string? conversationId, IReadOnlyList<GraphMessage?>? messages, string? me, CancellationToken cancellationToken)
    {
        if (await threads.ResolveOptionalAsync(conversationId, messages, me, cancellationToken) is not { } thread)
        {
            return null;
        }

        var analysis = analyses.Analyze(thread, cancellationToken);
        var contact = analysis.Participants.FirstOrDefault(p => p.IsMainContact && p.Side == "theirs")
            ?? analysis.Participants.FirstOrDefault(p => p.IsMainContact);
        return new InviteThread(
            analysis.ConversationId,
            analysis.Subject,
            contact is null ? null : new IcsPerson(contact.Address, contact.Name),
            analysis.Facts);
    }
}
