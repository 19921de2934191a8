using GhostAssist.Api.Analysis;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using GhostAssist.Api.People;

namespace GhostAssist.Api.Drafting;

/// <summary>POST /api/drafts: a thread by id (from the mailbox) or in the body, the play and options.</summary>
public sealed record DraftRequest(
    string? ConversationId,
    string? Me,
    IReadOnlyList<GraphMessage?>? Messages,
    string? Kind,
    Guid? TemplateId,
    string? Tone,
    string? Recipient,
    bool? SaveToOutlook);

public sealed record DraftResponse(
    string ConversationId,
    string Kind,
    string Tone,
    string Subject,
    IReadOnlyList<DraftRecipient> To,
    IReadOnlyList<DraftRecipient> Cc,
    string BodyText,
    string BodyHtml,
    CoachResult Coach,
    /// <summary>builtin, azure-openai, or template.</summary>
    string Provider,
    IReadOnlyList<string> Warnings,
    ThreadFacts Facts,
    /// <summary>The date the draft asks for (ISO), so the pane can offer an invite on it.</summary>
    DateOnly AskBy,
    Guid? TemplateId,
    string? OutlookMessageId,
    string? WebLink);

/// <summary>Reads the thread, decides the plan, composes, coaches, and saves into Outlook when asked.</summary>
public sealed class DraftService(
    IMailboxSource mailbox,
    AnalyzeThread analyze,
    IDraftComposer composer,
    IOutlookDraftSaver outlook,
    IServiceProvider services,
    TimeProvider time,
    ILogger<DraftService> logger)
{
    /// <summary>The longest draft (subject + body) the API answers: Outlook's own limits are far above any follow-up.</summary>
    public const int MaxDraftLength = 40_000;

    /// <summary>The longest address RFC 5321 allows (and longer than any display name in a thread).</summary>
    public const int MaxRecipientLength = 320;

    public async Task<DraftResponse> DraftAsync(DraftRequest request, AppUser user, CancellationToken cancellationToken)
    {
        using var span = Telemetry.Start("draft");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // With a template the kind may come from the template; a kind that is given must still be known.
        if (request.TemplateId is null || request.Kind is not null)
        {
            RequireKnownKind(request.Kind);
        }

        var tone = request.Tone?.Trim().ToLowerInvariant() ?? "warm";
        if (!DraftPlanner.Tones.Contains(tone))
        {
            throw ApiProblemException.BadRequest($"Unknown tone \"{Shorten(request.Tone!)}\". Valid tones: {string.Join(", ", DraftPlanner.Tones)}.",
                new Dictionary<string, object?> { ["validTones"] = DraftPlanner.Tones });
        }

        // A recipient is an address or a name from the thread: longer than any of them, or carrying line
        // breaks or direction overrides, it can only be an attempt to write into the draft's header.
        if (request.Recipient is { } recipient && (recipient.Length > MaxRecipientLength || recipient.Any(c => char.IsControl(c) || BidiControls.Is(c))))
        {
            throw ApiProblemException.BadRequest($"\"recipient\" must be a mail address or a name from the thread: one line of at most {MaxRecipientLength} characters, without control or text-direction characters.");
        }

        var thread = await ReadThreadAsync(request, cancellationToken);
        var analysis = analyze(thread);

        RenderedTemplate? template = null;
        var kindId = request.Kind;
        var warnings = new List<string>();
        if (request.TemplateId is { } templateId)
        {
            var templates = services.GetService<ITemplateDraftSource>()
                ?? throw ApiProblemException.Unprocessable("Templates are not available in this build of the API: draft without a templateId.");
            template = await templates.RenderAsync(templateId, user, analysis, cancellationToken);
            if (kindId is not null && kindId != template.Kind)
            {
                warnings.Add($"The template is written for the {template.Kind} play; it was used for {kindId} as asked.");
            }

            kindId ??= template.Kind;
        }

        var kind = FollowUpCatalog.Find(kindId) ?? throw UnknownKind(kindId);
        var plan = DraftPlanner.Plan(analysis, kind, tone, request.Recipient, user.Name, time.GetUtcNow());
        warnings.AddRange(plan.Warnings);

        var composed = template is not null
            ? new ComposedDraft(template.Subject, template.BodyText, "template", template.Warnings)
            : await composer.ComposeAsync(plan, cancellationToken);
        warnings.AddRange(composed.Warnings);

        // Whatever wrote it (a team template, a model), a draft is a mail someone reads: bounded before coaching and HTML.
        if (composed.Subject.Length + composed.BodyText.Length > MaxDraftLength)
        {
            throw ApiProblemException.Unprocessable(
                $"The draft would be longer than {MaxDraftLength:N0} characters; shorten the template it is written from.",
                new Dictionary<string, object?> { ["maxDraftLength"] = MaxDraftLength });
        }

        var coach = DraftCoach.Score(composed.Subject, composed.BodyText, kind.Id);
        var html = DraftHtml.FromText(composed.BodyText);

        SavedOutlookDraft? saved = null;
        if (request.SaveToOutlook == true)
        {
            var replyTo = analysis.Messages.Where(m => !m.IsAutoReply && !string.IsNullOrEmpty(m.Id)).OrderBy(m => m.SentDateTime).LastOrDefault()
                ?? throw ApiProblemException.Unprocessable("The thread has no message with an id to reply to, so the draft cannot be saved into Outlook.");
            saved = await outlook.SaveReplyAllDraftAsync(replyTo.Id, composed.Subject, html, cancellationToken);
        }

        Telemetry.RecordDraft(System.Diagnostics.Stopwatch.GetElapsedTime(started), kind.Id, composed.Provider);
        span?.SetTag("ghostassist.play", kind.Id).SetTag("ghostassist.provider", composed.Provider);
        logger.LogInformation("Drafted {Kind} for conversation {ConversationId} with {Provider}: {Words} words, coach {Score}, saved {Saved}",
            kind.Id, LogSafe.Id(analysis.ConversationId), composed.Provider, coach.Metrics.WordCount, coach.Score, saved is not null);

        return new DraftResponse(
            analysis.ConversationId, kind.Id, tone, composed.Subject, [plan.To], plan.Cc, composed.BodyText, html, coach,
            composed.Provider, warnings, analysis.Facts,
            kind.Id is FollowUpKinds.CalendarInvite or FollowUpKinds.ReEngage ? plan.MeetOn : plan.AskBy,
            request.TemplateId, saved?.MessageId, saved?.WebLink);
    }

    private async Task<MailThread> ReadThreadAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        var hasId = !string.IsNullOrWhiteSpace(request.ConversationId);
        var hasMessages = request.Messages is not null;
        if (hasId == hasMessages)
        {
            throw ApiProblemException.BadRequest("Give either a conversationId (a thread of your mailbox) or messages (a thread in the body), not both and not neither.");
        }

        if (hasId)
        {
            return await mailbox.GetThreadAsync(request.ConversationId!, cancellationToken)
                ?? throw ApiProblemException.NotFound($"There is no conversation \"{Shorten(request.ConversationId!)}\" in your mailbox.");
        }

        var messages = request.Messages!;
        if (messages.Count == 0)
        {
            throw ApiProblemException.BadRequest("The thread has no messages: give at least one message.");
        }

        string me;
        if (request.Me is not null)
        {
            if (request.Me.Length > MaxRecipientLength)
            {
                throw ApiProblemException.BadRequest($"\"me\" must be your email address (at most {MaxRecipientLength} characters).");
            }

            me = EmailAddresses.Normalize(request.Me)
                ?? throw ApiProblemException.BadRequest($"\"me\" must be your email address; \"{Shorten(request.Me)}\" is not one.");
        }
        else
        {
            me = await mailbox.GetMeAsync(cancellationToken);
        }

        var conversationId = messages.Select(m => m?.ConversationId).FirstOrDefault(id => !string.IsNullOrWhiteSpace(id)) ?? "inline";
        return new MailThread(conversationId, me, messages.OfType<GraphMessage>().ToList());
    }

    private static void RequireKnownKind(string? kind)
    {
        if (!FollowUpKinds.IsKnown(kind))
        {
            throw UnknownKind(kind);
        }
    }

    private static ApiProblemException UnknownKind(string? kind) =>
        ApiProblemException.BadRequest(
            (string.IsNullOrWhiteSpace(kind) ? "The kind of follow-up is missing." : $"Unknown kind of follow-up \"{Shorten(kind)}\".")
            + $" Valid kinds: {string.Join(", ", FollowUpKinds.All)}.",
            new Dictionary<string, object?> { ["validKinds"] = FollowUpKinds.All });

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
