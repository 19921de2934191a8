using System.Text.RegularExpressions;
using GhostAssist.Api.Infrastructure;
using Microsoft.Graph;
using Microsoft.Graph.Me.Messages.Item.CreateReplyAll;
using Microsoft.Graph.Models;

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

    /// <summary>The same, with the tracking header (X-GhostAssist-Play) set at creation; null: no header. A saver that cannot set headers ignores it.</summary>
    Task<SavedOutlookDraft> SaveReplyAllDraftAsync(string replyToMessageId, string subject, string bodyHtml, string? marker, CancellationToken cancellationToken) =>
        SaveReplyAllDraftAsync(replyToMessageId, subject, bodyHtml, cancellationToken);
}

/// <summary>The demo mailbox has no Outlook behind it.</summary>
public sealed class DemoOutlookDraftSaver : IOutlookDraftSaver
{
    public Task<SavedOutlookDraft> SaveReplyAllDraftAsync(string replyToMessageId, string subject, string bodyHtml, CancellationToken cancellationToken) =>
        throw Infrastructure.ApiProblemException.Unprocessable(
            "Saving a draft into Outlook needs Microsoft 365 sign-in; the demo mailbox has no Outlook behind it. Copy the draft or insert it from the pane instead.");
}

/// <summary>
/// Graph: createReplyAll makes the draft with Outlook's own reply header and quoted history (which a
/// message body in the same call would replace), then one PATCH puts our text above that history.
/// </summary>
public sealed partial class GraphOutlookDraftSaver(GraphServiceClient graph, ILogger<GraphOutlookDraftSaver> logger) : IOutlookDraftSaver
{
    public Task<SavedOutlookDraft> SaveReplyAllDraftAsync(string replyToMessageId, string subject, string bodyHtml, CancellationToken cancellationToken) =>
        SaveReplyAllDraftAsync(replyToMessageId, subject, bodyHtml, null, cancellationToken);

    public async Task<SavedOutlookDraft> SaveReplyAllDraftAsync(string replyToMessageId, string subject, string bodyHtml, string? marker, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(replyToMessageId))
        {
            throw Infrastructure.ApiProblemException.BadRequest("A message of the thread to reply to is needed to save a draft into Outlook.");
        }

        // Graph takes custom x- headers only when a message is created, so the marker rides on createReplyAll.
        var create = new CreateReplyAllPostRequestBody();
        if (marker is not null)
        {
            create.Message = new Message { InternetMessageHeaders = [new InternetMessageHeader { Name = Outcomes.TrackingMarker.HeaderName, Value = marker }] };
        }

        var draft = await graph.Me.Messages[replyToMessageId].CreateReplyAll.PostAsync(create, cancellationToken: cancellationToken)
            ?? throw new Infrastructure.ApiProblemException(StatusCodes.Status502BadGateway, "Microsoft Graph answered oddly", "Microsoft Graph created no draft.");

        var update = new Message
        {
            Body = new ItemBody { ContentType = BodyType.Html, Content = AboveHistory(bodyHtml, draft.Body) },
        };
        if (!string.IsNullOrWhiteSpace(subject))
        {
            update.Subject = subject;
        }

        var saved = await graph.Me.Messages[draft.Id].PatchAsync(update, cancellationToken: cancellationToken);
        logger.LogInformation("Outlook reply-all draft saved ({DraftId})", draft.Id);
        return new SavedOutlookDraft(saved?.Id ?? draft.Id!, saved?.WebLink ?? draft.WebLink);
    }

    /// <summary>Our HTML at the top of the draft's body, keeping Outlook's reply header and the quoted thread below it.</summary>
    internal static string AboveHistory(string bodyHtml, ItemBody? existing)
    {
        var history = existing?.Content;
        if (string.IsNullOrEmpty(history))
        {
            return bodyHtml;
        }

        if (existing!.ContentType != BodyType.Html)
        {
            history = "<pre>" + PlainTextHtml.Escape(history) + "</pre>";
        }

        var bodyTag = BodyTag().Match(history);
        return bodyTag.Success
            ? history.Insert(bodyTag.Index + bodyTag.Length, bodyHtml)
            : bodyHtml + history;
    }

    [GeneratedRegex("<body[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BodyTag();
}
