using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Outcomes;

public static class OutcomeStates
{
    public const string Pending = "pending";
    public const string Recovered = "recovered";
    public const string Missed = "missed";
}

/// <summary>One tracked follow-up of a thread and where it stands.</summary>
public sealed record TrackedFollowUp(
    string MessageId,
    TrackingMarker.Marker Marker,
    DateTimeOffset SentAt,
    string State,
    DateTimeOffset? CameBackAt,
    bool ByMeeting)
{
    /// <summary>1..7: the day after sending on which the contact came back (day 1 = within 24 hours).</summary>
    public int? Day => CameBackAt is { } back ? Math.Clamp((int)Math.Ceiling((back - SentAt).TotalDays), 1, OutcomeReader.WindowDays) : null;
}

/// <summary>
/// Works out, from a thread alone, whether each of our tracked follow-ups brought the contact back: their
/// first real reply (auto-replies do not count) or their acceptance of a meeting within 7 days, and before
/// we followed up again (a later follow-up takes the credit for what comes after it).
/// </summary>
public static class OutcomeReader
{
    public const int WindowDays = 7;

    public const string MeetingAccepted = "meetingAccepted";

    public static IReadOnlyList<TrackedFollowUp> Read(MailThread thread, ThreadAnalysis analysis, DateTimeOffset now)
    {
        var analysed = analysis.Messages.Where(m => !string.IsNullOrEmpty(m.Id)).DistinctBy(m => m.Id).ToDictionary(m => m.Id, StringComparer.Ordinal);
        var messages = thread.Messages
            .Where(m => m is not null && m.IsDraft != true && !string.IsNullOrEmpty(m.Id) && m.When is { } when && when <= now)
            .DistinctBy(m => m.Id)
            .OrderBy(m => m.When)
            .Select(m => (Raw: m, Info: analysed.GetValueOrDefault(m.Id!), Marker: TrackingMarker.Read(m.InternetMessageHeaders)))
            .ToList();

        var tracked = new List<TrackedFollowUp>();
        for (var i = 0; i < messages.Count; i++)
        {
            var (raw, info, marker) = messages[i];
            if (marker is null || !IsOurs(raw, info, thread.Me))
            {
                continue;
            }

            var sent = raw.When!.Value;
            var windowEnd = sent.AddDays(WindowDays);
            string state = now > windowEnd ? OutcomeStates.Missed : OutcomeStates.Pending;
            DateTimeOffset? back = null;
            var byMeeting = false;
            for (var j = i + 1; j < messages.Count; j++)
            {
                var (later, laterInfo, laterMarker) = messages[j];
                var at = later.When!.Value;
                if (at > windowEnd)
                {
                    break;
                }

                var ours = IsOurs(later, laterInfo, thread.Me);
                if (ours && laterMarker is not null)
                {
                    // We followed up again before they came back: this one did not work.
                    state = OutcomeStates.Missed;
                    break;
                }

                if (ours)
                {
                    continue;
                }

                if (string.Equals(later.MeetingMessageType, MeetingAccepted, StringComparison.OrdinalIgnoreCase))
                {
                    (state, back, byMeeting) = (OutcomeStates.Recovered, at, true);
                    break;
                }

                if (laterInfo is { IsAutoReply: false } && later.MeetingMessageType is null)
                {
                    (state, back) = (OutcomeStates.Recovered, at);
                    break;
                }
            }

            tracked.Add(new TrackedFollowUp(raw.Id!, marker, sent, state, back, byMeeting));
        }

        return tracked;
    }

    private static bool IsOurs(GraphMessage message, AnalyzedMessage? info, string me) =>
        info?.FromUs ?? string.Equals((message.From ?? message.Sender)?.EmailAddress?.Address, me, StringComparison.OrdinalIgnoreCase);
}
