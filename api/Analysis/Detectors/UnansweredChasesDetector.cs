namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>unanswered-chases: we followed up and heard nothing. Every message of ours since their reply is evidence.</summary>
internal sealed class UnansweredChasesDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        if (!thread.AwaitingThem || thread.FollowUps == 0)
        {
            return null;
        }

        var count = thread.UnansweredChases;
        var message = thread.LastTheirs is null
            ? $"We wrote {count} times and heard nothing."
            : count == 1 ? "We followed up once since their last reply and heard nothing." : $"We wrote {count} times since their last reply and heard nothing.";
        return new Signal(SignalCodes.UnansweredChases, message,
            Math.Min(SignalWeights.FollowUpsMax, SignalWeights.PerFollowUp * thread.FollowUps),
            thread.OursSinceTheirLast.Select(m => m.Evidence()).ToList());
    }
}
