using System.Security.Claims;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Invites;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Templates;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Outcomes;

public static class OutcomesApi
{
    /// <summary>Figures for one play, template or situation. The rate is of decided follow-ups (came back or the week passed).</summary>
    public sealed record OutcomeFigures(
        string Key,
        string Label,
        int Sent,
        int Recovered,
        int RecoveredByMeeting,
        int Missed,
        /// <summary>Sent less than 7 days ago and not answered yet.</summary>
        int Pending,
        /// <summary>Recovered / (recovered + missed), 0..1; null when nothing is decided yet, or (team figures) below the minimum sends.</summary>
        double? RecoveryRate,
        /// <summary>The median day on which those recovered came back (1 = within 24 hours).</summary>
        int? MedianDaysToComeBack);

    public sealed record MyOutcomes(bool Tracking, int WindowDays, OutcomeFigures Total, IReadOnlyList<OutcomeFigures> Plays, IReadOnlyList<OutcomeFigures> Templates, IReadOnlyList<OutcomeFigures> Situations);

    /// <summary>One team row: a team template (or none) and a play, across the team.</summary>
    public sealed record TeamOutcomeRow(string? TemplateId, string TemplateName, string Play, string PlayName, OutcomeFigures Figures);

    public sealed record TeamOutcomes(string Team, int MinimumSends, int WindowDays, int People, IReadOnlyList<TeamOutcomeRow> Rows, IReadOnlyList<OutcomeFigures> Plays);

    public sealed record TrackingSetting(bool? Tracking);

    public sealed record MeSettings(bool Tracking, string HeaderName);

    /// <summary>POST /api/reminders: flag the thread's newest message, due on the ask-by date.</summary>
    public sealed record ReminderRequest(string? ConversationId, DateOnly? DueDate, string? TimeZone);

    public sealed record ReminderResponse(string ConversationId, string MessageId, DateOnly DueDate, DateTimeOffset? RemindAt, string TimeZone, string Provider);

    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder app)
    {
        var outcomes = app.MapGroup("/api/outcomes").WithTags("Outcomes");
        outcomes.MapGet("/", async (ClaimsPrincipal principal, OutcomeService service, CancellationToken cancellationToken) =>
        {
            var user = AppUser.From(principal);
            var counts = await service.MineAsync(user, cancellationToken);
            var tracking = await service.IsTrackingOnAsync(user, cancellationToken);
            var templateNames = await service.TeamTemplateNamesAsync(user, user.TenantId, counts.Select(c => c.TemplateKey).Distinct(), cancellationToken);
            return TypedResults.Ok(new MyOutcomes(
                tracking,
                OutcomeReader.WindowDays,
                Figures("all", "All tracked follow-ups", counts, 0),
                FollowUpKinds.All.Select(play => Figures(play, PlayName(play), counts.Where(c => c.Play == play), 0)).ToList(),
                counts.GroupBy(c => c.TemplateKey).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => Figures(g.Key.Length == 0 ? "none" : g.Key, TemplateName(g.Key, templateNames, personal: true), g, 0)).ToList(),
                counts.GroupBy(c => c.Situation).OrderByDescending(g => g.Sum(c => c.Sent)).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => Figures(g.Key, g.Key, g, 0)).ToList()));
        })
        .WithName("GetMyOutcomes")
        .WithSummary("Your tracked follow-ups: sent, came back within 7 days, rate and median days, per play, template and situation.");

        outcomes.MapGet("/team", async (string? team, ClaimsPrincipal principal, OutcomeService service, CancellationToken cancellationToken) =>
        {
            var user = AppUser.From(principal);
            TemplateRules.RequireTeamLead(user, "see the team's outcomes");
            var teamId = TemplateRules.ResolveTeam(user, team);
            var counts = await service.TeamAsync(user, teamId, cancellationToken);
            var names = await service.TeamTemplateNamesAsync(user, teamId, counts.Select(c => c.TemplateKey).Distinct(), cancellationToken);
            var min = OutcomeService.TeamMinimumSends;
            // A personal template is its owner's business: the lead sees it as "no team template".
            var rows = counts
                .GroupBy(c => (Template: names.ContainsKey(c.TemplateKey) ? c.TemplateKey : "", c.Play))
                .Select(g => new TeamOutcomeRow(
                    g.Key.Template.Length == 0 ? null : g.Key.Template,
                    TemplateName(g.Key.Template, names, personal: false),
                    g.Key.Play,
                    PlayName(g.Key.Play),
                    Figures($"{g.Key.Template}:{g.Key.Play}", PlayName(g.Key.Play), g, min)))
                .OrderBy(r => r.TemplateId is null)
                .ThenBy(r => r.TemplateName, StringComparer.OrdinalIgnoreCase)
                .ThenByDescending(r => r.Figures.Sent)
                .ToList();
            return TypedResults.Ok(new TeamOutcomes(
                teamId, min, OutcomeReader.WindowDays, counts.Select(c => c.UserId).Distinct().Count(), rows,
                FollowUpKinds.All.Select(play => Figures(play, PlayName(play), counts.Where(c => c.Play == play), min)).ToList()));
        })
        .WithName("GetTeamOutcomes")
        .WithSummary("Team leads: the team's tracked follow-ups per team template and play (counts only; a rate from 5 sends on).")
        .ProducesProblem(403);

        var settings = app.MapGroup("/api/me/settings").WithTags("Me");
        settings.MapGet("/", async (ClaimsPrincipal principal, OutcomeService service, CancellationToken cancellationToken) =>
            TypedResults.Ok(new MeSettings(await service.IsTrackingOnAsync(AppUser.From(principal), cancellationToken), TrackingMarker.HeaderName)))
        .WithName("GetMySettings")
        .WithSummary("Your settings: whether follow-ups you draft are tracked (a play marker header, outcome counts).");
        settings.MapPut("/", async (TrackingSetting? body, ClaimsPrincipal principal, OutcomeService service, CancellationToken cancellationToken) =>
        {
            if (body?.Tracking is not { } tracking)
            {
                throw ApiProblemException.BadRequest("The body must be { \"tracking\": true } or { \"tracking\": false }.");
            }

            return TypedResults.Ok(new MeSettings(await service.SetTrackingAsync(AppUser.From(principal), tracking, cancellationToken), TrackingMarker.HeaderName));
        })
        .WithName("PutMySettings")
        .WithSummary("Turns tracking of your follow-ups on or off.")
        .ProducesProblem(400);

        var reminders = app.MapGroup("/api/reminders").WithTags("Outcomes");
        reminders.MapPost("/", async (ReminderRequest? request, ClaimsPrincipal principal, IMailboxSource mailbox, IFollowUpFlagger flagger,
            IOptions<InvitesOptions> invites, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (request is null || string.IsNullOrWhiteSpace(request.ConversationId) || request.DueDate is not { } due)
            {
                throw ApiProblemException.BadRequest("The body must be { \"conversationId\": \"…\", \"dueDate\": \"yyyy-MM-dd\", \"timeZone\"?: \"Europe/London\" }.");
            }

            var (thread, message) = await NewestMessageAsync(mailbox, request.ConversationId, cancellationToken);
            var flag = ReminderRules.Make(message, due, request.TimeZone, invites.Value.TimeZone, time.GetUtcNow());
            await flagger.FlagAsync(UserKey(principal), flag, cancellationToken);
            return TypedResults.Ok(new ReminderResponse(thread.ConversationId, flag.MessageId, flag.DueDate, flag.RemindAt, flag.TimeZone, mailbox.Kind));
        })
        .WithName("SetReminder")
        .WithSummary("Flags the thread's newest message for follow-up in Outlook, due on the given date with a reminder at 09:00.")
        .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);

        reminders.MapGet("/{conversationId}", async (string conversationId, ClaimsPrincipal principal, IMailboxSource mailbox, IFollowUpFlagger flagger, CancellationToken cancellationToken) =>
        {
            var (thread, message) = await NewestMessageAsync(mailbox, conversationId, cancellationToken);
            var flag = await flagger.FindAsync(UserKey(principal), [message], cancellationToken)
                ?? throw ApiProblemException.NotFound("No follow-up flag is set on this thread.");
            return TypedResults.Ok(new ReminderResponse(thread.ConversationId, flag.MessageId, flag.DueDate, flag.RemindAt, flag.TimeZone, mailbox.Kind));
        })
        .WithName("GetReminder")
        .WithSummary("The follow-up flag set on the thread's newest message, if any.")
        .ProducesProblem(404);
        return app;
    }

    private static async Task<(MailThread Thread, string MessageId)> NewestMessageAsync(IMailboxSource mailbox, string conversationId, CancellationToken cancellationToken)
    {
        var thread = await mailbox.GetThreadAsync(conversationId, cancellationToken)
            ?? throw ApiProblemException.NotFound("No conversation with that id in this mailbox.");
        var newest = thread.Messages.Where(m => m.IsDraft != true && !string.IsNullOrEmpty(m.Id)).OrderBy(m => m.When).LastOrDefault()
            ?? throw ApiProblemException.Unprocessable("The thread has no sent or received message to flag.");
        return (thread, newest.Id!);
    }

    private static string UserKey(ClaimsPrincipal principal)
    {
        var user = AppUser.From(principal);
        return $"{user.TenantId}/{user.UserId}";
    }

    private static string PlayName(string play) => FollowUpCatalog.Find(play)?.Name ?? play;

    private static string TemplateName(string key, IReadOnlyDictionary<string, string> teamNames, bool personal) =>
        key.Length == 0 ? (personal ? "No template" : "No team template")
        : teamNames.TryGetValue(key, out var name) ? name
        : personal ? "A personal or deleted template" : "No team template";

    internal static OutcomeFigures Figures(string key, string label, IEnumerable<OutcomeCount> counts, int minimumSends)
    {
        int sent = 0, recovered = 0, meeting = 0, missed = 0;
        var days = new int[OutcomeReader.WindowDays];
        foreach (var c in counts)
        {
            sent += c.Sent;
            recovered += c.Recovered;
            meeting += c.RecoveredByMeeting;
            missed += c.Missed;
            days[0] += c.Day1; days[1] += c.Day2; days[2] += c.Day3; days[3] += c.Day4; days[4] += c.Day5; days[5] += c.Day6; days[6] += c.Day7;
        }

        var decided = recovered + missed;
        double? rate = decided == 0 || sent < minimumSends ? null : Math.Round((double)recovered / decided, 3);
        return new OutcomeFigures(key, label, sent, recovered, meeting, missed, Math.Max(0, sent - decided), rate, Median(days, recovered));
    }

    /// <summary>The day on which the middle recovered follow-up came back (the lower middle for an even count).</summary>
    private static int? Median(int[] days, int recovered)
    {
        if (recovered == 0)
        {
            return null;
        }

        var half = (recovered + 1) / 2;
        var running = 0;
        for (var i = 0; i < days.Length; i++)
        {
            running += days[i];
            if (running >= half)
            {
                return i + 1;
            }
        }

        return days.Length;
    }
}
