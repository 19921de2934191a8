namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>days-silent, or never-replied when they have not written at all; only while the thread waits on them.</summary>
internal sealed class SilenceDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        if (!thread.AwaitingThem)
        {
            return null;
        }

        var days = thread.DaysSilent;
        if (thread.LastTheirs is null)
        {
            var first = thread.OursSinceTheirLast[0];
            return new Signal(SignalCodes.NeverReplied,
                $"No reply yet: they have not answered in the {SignalDetectors.Days(days)} since our first message.",
                SignalWeights.NeverRepliedBase + SignalWeights.Silence(days), [first.Evidence()]);
        }

        if (days < SignalWeights.DaysSilentFromDays)
        {
            return null;
        }

        var name = thread.ContactName is null ? "their" : thread.ContactFirstNameOr("their") + "'s";
        return new Signal(SignalCodes.DaysSilent, $"{SignalDetectors.Days(days)} since {name} last real reply.",
            SignalWeights.Silence(days), [thread.LastTheirs.Evidence()]);
    }
}
