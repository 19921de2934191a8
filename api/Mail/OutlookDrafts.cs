namespace GhostAssist.Api.Mail;

/// <summary>A reply-all draft saved into the user's Outlook drafts.</summary>
public sealed record SavedOutlookDraft(string MessageId, string? WebLink);

/// <summary>
/// Saves a drafted follow-up into Outlook as a reply-all to a message of the thread (Graph
/// createReplyAll, then the body). Only the Graph mailbox can; the demo mailbox refuses with a 422.
/// </summary>
public interface IOutlookDraftSaver
{
    Task<SavedOutlookDraft> SaveReplyAllDraftAsync(string replyToMessageId, string subject, string bodyHtml, CancellationToken cancellationToken);
}

/// <summary>The demo mailbox has no Outlook behind it.</summary>
public sealed class DemoOutlookDraftSaver : IOutlookDraftSaver
{
    public Task<SavedOutlookDraft> SaveReplyAllDraftAsync(string replyToMessageId, string subject, string bodyHtml, CancellationToken cancellationToken) =>
        throw Infrastructure.ApiProblemException.Unprocessable(
            "Saving a draft into Outlook needs Microsoft 365 sign-in; the demo mailbox has no Outlook behind it. Copy the draft or insert it from the pane instead.");
}
