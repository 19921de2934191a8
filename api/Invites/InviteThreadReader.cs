using GhostAssist.Api.Analysis;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using GhostAssist.Api.People;

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
public sealed class AnalyzedInviteThreadReader(IMailboxSource mailbox, ThreadAnalyzer analyzer) : IInviteThreadReader
{
    public async Task<InviteThread?> ReadAsync(string? conversationId, IReadOnlyList<GraphMessage?>? messages, string? me, CancellationToken cancellationToken)
    {
        ThreadAnalysis analysis;
        if (messages is { Count: > 0 })
        {
            var owner = string.IsNullOrWhiteSpace(me) ? await mailbox.GetMeAsync(cancellationToken) : me.Trim();
            if (!EmailAddresses.IsValid(owner))
            {
                throw ApiProblemException.BadRequest("\"me\" must be a plain email address such as alex@contoso.com: it tells our side of the thread from theirs.");
            }

            var id = conversationId ?? messages.FirstOrDefault(m => m?.ConversationId is not null)?.ConversationId;
            analysis = AnalysisApi.Analyze(analyzer, owner, messages, id);
        }
        else if (string.IsNullOrWhiteSpace(conversationId))
        {
            return null;
        }
        else
        {
            if (conversationId.Length > 1024)
            {
                throw ApiProblemException.BadRequest("The conversationId is longer than any mailbox uses (1,024 characters at most).");
            }

            var thread = await mailbox.GetThreadAsync(conversationId, cancellationToken)
                ?? throw ApiProblemException.NotFound("There is no conversation with that id in the mailbox.");
            analysis = AnalysisApi.Analyze(analyzer, thread.Me, thread.Messages, thread.ConversationId);
        }

        var contact = analysis.Participants.FirstOrDefault(p => p.IsMainContact && p.Side == "theirs")
            ?? analysis.Participants.FirstOrDefault(p => p.IsMainContact);
        return new InviteThread(
            analysis.ConversationId,
            analysis.Subject,
            contact is null ? null : new IcsPerson(contact.Address, contact.Name),
            analysis.Facts);
    }
}
