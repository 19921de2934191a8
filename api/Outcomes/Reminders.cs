using System.Collections.Concurrent;
using GhostAssist.Api.Infrastructure;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace GhostAssist.Api.Outcomes;

/// <summary>A follow-up flag on a message of the thread: Outlook itself reminds the user, no job of ours runs.</summary>
/// <param name="RemindAt">When Outlook reminds the user; null when read back from a source that does not say.</param>
public sealed record FollowUpFlag(string MessageId, DateOnly DueDate, DateTimeOffset? RemindAt, string TimeZone);

/// <summary>Flags a message for follow-up with a due date and a reminder (Graph), or keeps the flag (demo).</summary>
public interface IFollowUpFlagger
{
    Task FlagAsync(string userKey, FollowUpFlag flag, CancellationToken cancellationToken);

    /// <summary>The flag set on one of these messages, when this source can tell.</summary>
    Task<FollowUpFlag?> FindAsync(string userKey, IReadOnlyList<string> messageIds, CancellationToken cancellationToken);
}

/// <summary>The browser preview has no Outlook: the flag is kept in memory, per user, for the life of the process.</summary>
public sealed class DemoFollowUpFlagger : IFollowUpFlagger
{
    private readonly ConcurrentDictionary<(string User, string Message), FollowUpFlag> _flags = new();

    public Task FlagAsync(string userKey, FollowUpFlag flag, CancellationToken cancellationToken)
    {
        _flags[(userKey, flag.MessageId)] = flag;
        return Task.CompletedTask;
    }

    public Task<FollowUpFlag?> FindAsync(string userKey, IReadOnlyList<string> messageIds, CancellationToken cancellationToken) =>
        Task.FromResult(messageIds.Select(id => _flags.GetValueOrDefault((userKey, id))).LastOrDefault(f => f is not null));
}

/// <summary>
/// Graph: one PATCH of the message: <c>flag</c> (flagged, start today, due on the ask-by date; Graph refuses
/// a due date without a start) and Outlook's reminder properties (PidLidReminderSet, PidLidReminderTime,
/// PidLidReminderSignalTime), which is how Outlook clients store a flag's reminder.
/// </summary>
public sealed class GraphFollowUpFlagger(GraphServiceClient graph, TimeProvider time, ILogger<GraphFollowUpFlagger> logger) : IFollowUpFlagger
{
    internal const string ReminderSet = "Boolean {00062008-0000-0000-C000-000000000046} Id 0x8503";
    internal const string ReminderTime = "SystemTime {00062008-0000-0000-C000-000000000046} Id 0x8502";
    internal const string ReminderSignalTime = "SystemTime {00062008-0000-0000-C000-000000000046} Id 0x8560";

    public async Task FlagAsync(string userKey, FollowUpFlag flag, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(flag.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var remindAt = (flag.RemindAt ?? time.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var update = new Message
        {
            Flag = new FollowupFlag
            {
                FlagStatus = FollowupFlagStatus.Flagged,
                StartDateTime = new DateTimeTimeZone { DateTime = Midnight(today), TimeZone = flag.TimeZone },
                DueDateTime = new DateTimeTimeZone { DateTime = Midnight(flag.DueDate), TimeZone = flag.TimeZone },
            },
            SingleValueExtendedProperties =
            [
                new SingleValueLegacyExtendedProperty { Id = ReminderSet, Value = "true" },
                new SingleValueLegacyExtendedProperty { Id = ReminderTime, Value = remindAt },
                new SingleValueLegacyExtendedProperty { Id = ReminderSignalTime, Value = remindAt },
            ],
        };
        await graph.Me.Messages[flag.MessageId].PatchAsync(update, cancellationToken: cancellationToken);
        logger.LogInformation("Follow-up flag set on a message, due in {Days} days", flag.DueDate.DayNumber - today.DayNumber);
    }

    private static string Midnight(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00";

    public async Task<FollowUpFlag?> FindAsync(string userKey, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        // We flag the thread's newest message, so that is the one to ask about.
        if (messageIds.Count == 0)
        {
            return null;
        }

        var message = await graph.Me.Messages[messageIds[^1]].GetAsync(request => request.QueryParameters.Select = ["id", "flag"], cancellationToken);
        if (message?.Flag is not { FlagStatus: FollowupFlagStatus.Flagged, DueDateTime: { DateTime: { } due } dueZone }
            || !DateOnly.TryParse(due.Length >= 10 ? due[..10] : due, System.Globalization.CultureInfo.InvariantCulture, out var dueDate))
        {
            return null;
        }

        return new FollowUpFlag(messageIds[^1], dueDate, null, dueZone.TimeZone ?? "UTC");
    }
}

internal static class ReminderRules
{
    /// <summary>The reminder fires at 09:00 on the due date in the user's zone.</summary>
    public static FollowUpFlag Make(string messageId, DateOnly due, string? timeZone, string fallbackZone, DateTimeOffset now)
    {
        var zoneId = string.IsNullOrWhiteSpace(timeZone) ? fallbackZone : timeZone.Trim();
        if (zoneId.Length > 100 || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            throw ApiProblemException.BadRequest($"\"timeZone\" must be an IANA time zone such as Europe/London; \"{(zoneId.Length > 100 ? zoneId[..100] : zoneId)}\" is not one.");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (due < today)
        {
            throw ApiProblemException.Unprocessable($"The due date {due:yyyy-MM-dd} has passed: choose today or a later day.");
        }

        if (due > today.AddDays(366))
        {
            throw ApiProblemException.Unprocessable("The due date is more than a year ahead: choose a date within the next 12 months.");
        }

        var local = due.ToDateTime(new TimeOnly(9, 0));
        var remindAt = new DateTimeOffset(local, zone.GetUtcOffset(local));
        if (remindAt < now)
        {
            remindAt = now.AddMinutes(5);
        }

        return new FollowUpFlag(messageId, due, remindAt, zone.Id);
    }
}
