using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
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

/// <summary>
/// POST /api/drafts/outlook: the text the user sees, saved as a reply-all draft of the thread. With
/// the play's kind (and the template it was drafted from), the draft carries the tracking header, as
/// an inserted one does, so outcomes count it.
/// </summary>
public sealed record SaveDraftRequest(string? ConversationId, string? Me, IReadOnlyList<GraphMessage?>? Messages, string? Subject, string? BodyText, string? Kind = null, Guid? TemplateId = null);

public sealed record SavedDraftResponse(string ConversationId, string OutlookMessageId, string? WebLink);

/// <summary>
/// One event of POST /api/drafts/stream: "delta" events carry the subject once known and each new
/// piece of the body as a model writes it; the last event is "draft" (the whole draft with its coach)
/// or "problem" (what went wrong after the stream began).
/// </summary>
public sealed record DraftStreamEvent(string? Subject, string? Text, DraftResponse? Draft, DraftStreamProblem? Problem);

public sealed record DraftStreamProblem(int Status, string Title, string Detail);

/// <summary>Reads the thread, decides the plan, composes, coaches, and saves into Outlook when asked.</summary>
public sealed class DraftService(
    ThreadResolver threads,
    AnalyzeThread analyze,
    IDraftComposer composer,
    IOutlookDraftSaver outlook,
    TimeProvider time,
    ILogger<DraftService> logger,
    // Optional so drafting stands without the templates feature (a build or test without AddTemplates).
    ITemplateDraftSource? templates = null,
    // Optional likewise: without the outcomes feature, drafts saved into Outlook carry no play header.
    Outcomes.OutcomeService? outcomes = null)
{
    /// <summary>The longest draft (subject + body) the API answers: Outlook's own limits are far above any follow-up.</summary>
    public const int MaxDraftLength = 40_000;

    /// <summary>The longest address RFC 5321 allows (and longer than any display name in a thread).</summary>
    public const int MaxRecipientLength = EmailAddresses.MaxLength;

    /// <summary>A draft decided but not yet written: problems (400/404/422) are raised before anything streams.</summary>
    public sealed record PreparedDraft(DraftRequest Request, ThreadAnalysis Analysis, DraftPlan Plan, RenderedTemplate? Template, IReadOnlyList<string> Warnings, long StartedAt)
    {
        /// <summary>The X-GhostAssist-Play value a draft saved into Outlook carries; null when not saving or the user does not track.</summary>
        public string? Marker { get; init; }
    }

    /// <summary>The name of the composer drafts are written with when no template is used.</summary>
    public string ComposerProvider => composer is ModelComposer model ? model.ProviderName : BuiltInComposer.ProviderName;

    public async Task<DraftResponse> DraftAsync(DraftRequest request, AppUser user, CancellationToken cancellationToken) =>
        await FinishAsync(await PrepareAsync(request, user, cancellationToken), null, cancellationToken);

    public async Task<PreparedDraft> PrepareAsync(DraftRequest request, AppUser user, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // With a template the kind may come from the template; a kind that is given must still be known.
        if (request.TemplateId is null || request.Kind is not null)
        {
            RequireKnownKind(request.Kind);
        }

        var tone = request.Tone?.Trim().ToLowerInvariant() ?? DraftTone.Warm;
        if (!DraftTone.All.Contains(tone))
        {
            throw ApiProblemException.BadRequest($"Unknown tone \"{Shorten(request.Tone!)}\". Valid tones: {string.Join(", ", DraftTone.All)}.",
                new Dictionary<string, object?> { ["validTones"] = DraftTone.All });
        }

        // A recipient is an address or a name from the thread: longer than any of them, or carrying line
        // breaks or direction overrides, it can only be an attempt to write into the draft's header.
        if (request.Recipient is { } recipient && (recipient.Length > MaxRecipientLength || recipient.Any(c => char.IsControl(c) || BidiControls.Is(c))))
        {
            throw ApiProblemException.BadRequest($"\"recipient\" must be a mail address or a name from the thread: one line of at most {MaxRecipientLength} characters, without control or text-direction characters.");
        }

        var thread = await threads.ResolveAsync(request.ConversationId, request.Messages, request.Me, cancellationToken);
        var analysis = analyze(thread, cancellationToken);

        RenderedTemplate? template = null;
        var kindId = request.Kind;
        var warnings = new List<string>();
        if (request.TemplateId is { } templateId)
        {
            if (templates is null)
            {
                throw ApiProblemException.Unprocessable("Templates are not available in this build of the API: draft without a templateId.");
            }

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
        var marker = request.SaveToOutlook == true && outcomes is not null
            ? await outcomes.MarkerForAsync(user, plan.Kind.Id, request.TemplateId, analysis, cancellationToken)
            : null;
        return new PreparedDraft(request, analysis, plan, template, warnings, started) { Marker = marker };
    }

    /// <summary>Composes (reporting each step to <paramref name="progress"/> when the composer streams), coaches, and saves when asked.</summary>
    public async Task<DraftResponse> FinishAsync(PreparedDraft prepared, Func<DraftProgress, ValueTask>? progress, CancellationToken cancellationToken)
    {
        using var span = Telemetry.Start("draft");
        var (request, analysis, plan, template, planWarnings, started) = prepared;
        var kind = plan.Kind;
        var warnings = new List<string>(planWarnings);
        var composed = template is not null
            ? new ComposedDraft(template.Subject, template.BodyText, "template", template.Warnings)
            : await composer.ComposeAsync(plan, progress, cancellationToken);
        warnings.AddRange(composed.Warnings);

        // Whatever wrote it (a team template, a model), a draft is a mail someone reads: bounded before coaching and HTML.
        if (composed.Subject.Length + composed.BodyText.Length > MaxDraftLength)
        {
            throw ApiProblemException.Unprocessable(
                $"The draft would be longer than {MaxDraftLength:N0} characters; shorten the template it is written from.",
                new Dictionary<string, object?> { ["maxDraftLength"] = MaxDraftLength });
        }

        var coach = DraftCoach.Score(composed.Subject, composed.BodyText, kind.Id, CoachContext.From(plan));
        var html = DraftHtml.FromText(composed.BodyText);

        SavedOutlookDraft? saved = null;
        if (request.SaveToOutlook == true)
        {
            saved = await SaveAsync(analysis, composed.Subject, html, cancellationToken, prepared.Marker);
        }

        Telemetry.RecordDraft(System.Diagnostics.Stopwatch.GetElapsedTime(started), kind.Id, composed.Provider);
        span?.SetTag("ghostassist.play", kind.Id).SetTag("ghostassist.provider", composed.Provider);
        logger.LogInformation("Drafted {Kind} for conversation {ConversationId} with {Provider}: {Words} words, coach {Score}, saved {Saved}",
            kind.Id, LogSafe.Id(analysis.ConversationId), composed.Provider, coach.Metrics.WordCount, coach.Score, saved is not null);

        return new DraftResponse(
            analysis.ConversationId, kind.Id, plan.Tone, composed.Subject, [plan.To], plan.Cc, composed.BodyText, html, coach,
            composed.Provider, warnings, analysis.Facts,
            kind.Id is FollowUpKinds.CalendarInvite or FollowUpKinds.ReEngage ? plan.MeetOn : plan.AskBy,
            request.TemplateId, saved?.MessageId, saved?.WebLink);
    }

    /// <summary>
    /// The events of a streamed draft. The composer runs on its own task and writes into a channel, so
    /// each piece reaches the pane as soon as the model writes it.
    /// </summary>
    public async IAsyncEnumerable<SseItem<DraftStreamEvent>> StreamAsync(PreparedDraft prepared, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<SseItem<DraftStreamEvent>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var work = Task.Run(async () =>
        {
            try
            {
                var draft = await FinishAsync(prepared, step => channel.Writer.WriteAsync(new(new DraftStreamEvent(step.Subject, step.Text, null, null), "delta"), cancellationToken), cancellationToken);
                await channel.Writer.WriteAsync(new(new DraftStreamEvent(null, null, draft, null), "draft"), cancellationToken);
            }
            catch (ApiProblemException e)
            {
                await channel.Writer.WriteAsync(new(new DraftStreamEvent(null, null, null, new DraftStreamProblem(e.Status, e.Title, e.Detail)), "problem"), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Only the type: messages may quote thread content.
                logger.LogError("Streaming a draft for conversation {ConversationId} failed with {ExceptionType}", LogSafe.Id(prepared.Analysis.ConversationId), e.GetType().Name);
                await channel.Writer.WriteAsync(new(new DraftStreamEvent(null, null, null, new DraftStreamProblem(500, "Something went wrong", "The draft could not be finished. Try again.")), "problem"), cancellationToken);
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, cancellationToken);

        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }

        await work;
    }

    public const int MaxSavedBodyChars = 200_000;

    /// <summary>Saves the text the user sees (and may have edited) as a reply-all draft in Outlook: nothing is drafted again.</summary>
    public async Task<SavedDraftResponse> SaveTextAsync(SaveDraftRequest request, AppUser user, CancellationToken cancellationToken)
    {
        // The play is checked before the thread is read: an unknown one would only be counted under no play.
        if (request.Kind is not null && FollowUpCatalog.Find(request.Kind) is null)
        {
            throw ApiProblemException.Unprocessable(
                $"Unknown kind of follow-up \"{Shorten(request.Kind)}\": the draft is saved with the play it was drafted for. Valid kinds: {string.Join(", ", FollowUpKinds.All)}.",
                new Dictionary<string, object?> { ["validKinds"] = FollowUpKinds.All });
        }

        if (request.TemplateId is not null && request.Kind is null)
        {
            throw ApiProblemException.Unprocessable("A templateId is counted with the play it was used for: give the kind too.");
        }

        if (string.IsNullOrWhiteSpace(request.BodyText))
        {
            throw ApiProblemException.BadRequest("The draft's text is missing: give the bodyText to save.");
        }

        if (request.BodyText.Length > MaxSavedBodyChars || (request.Subject?.Length ?? 0) > 1000)
        {
            throw ApiProblemException.BadRequest($"The draft is too long to save: the body may have at most {MaxSavedBodyChars:N0} characters and the subject 1,000.");
        }

        var thread = await threads.ResolveAsync(request.ConversationId, request.Messages, request.Me, cancellationToken);
        var analysis = analyze(thread, cancellationToken);
        var subject = string.IsNullOrWhiteSpace(request.Subject) ? analysis.Subject : request.Subject.Trim();
        var marker = request.Kind is not null && outcomes is not null
            ? await outcomes.MarkerForAsync(user, request.Kind, request.TemplateId, analysis, cancellationToken)
            : null;
        var saved = await SaveAsync(analysis, subject, DraftHtml.FromText(request.BodyText.Replace("\r\n", "\n")), cancellationToken, marker);
        logger.LogInformation("Saved an edited draft into Outlook for conversation {ConversationId}, tracked {Tracked}", LogSafe.Id(analysis.ConversationId), marker is not null);
        return new SavedDraftResponse(analysis.ConversationId, saved.MessageId, saved.WebLink);
    }

    private async Task<SavedOutlookDraft> SaveAsync(ThreadAnalysis analysis, string subject, string html, CancellationToken cancellationToken, string? marker = null)
    {
        var replyTo = analysis.Messages.Where(m => !m.IsAutoReply && !string.IsNullOrEmpty(m.Id)).OrderBy(m => m.SentDateTime).LastOrDefault()
            ?? throw ApiProblemException.Unprocessable("The thread has no message with an id to reply to, so the draft cannot be saved into Outlook.");
        return await outlook.SaveReplyAllDraftAsync(replyTo.Id, subject, html, marker, cancellationToken);
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
