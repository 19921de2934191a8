namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>
/// deadline-without-consequence: their own timeline ("we need to decide this month") with nothing said about what
/// happens if it slips. Only their words count: our ask "can we agree next steps by Friday?" is not their deadline,
/// and their promise "I will confirm by Thursday" is a promise, not a timeline.
/// </summary>
internal sealed class DeadlineWithoutConsequenceDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        var timeline = TheirTimeline(thread);
        if (timeline is null || timeline.Commitment.Consequence is not null)
        {
            return null;
        }

        return new Signal(SignalCodes.DeadlineWithoutConsequence,
            $"Their timeline ({timeline.Commitment.DuePhrase}) has no consequence stated: nothing happens if it slips.",
            SignalWeights.DeadlineWithoutConsequence, [new Evidence(timeline.Commitment.MessageId, timeline.Commitment.Quote)]);
    }

    /// <summary>Their latest timeline that still stands (not superseded by a later one or a postponement).</summary>
    public static CommitmentRead? TheirTimeline(ThreadContext thread) =>
        thread.Commitments.LastOrDefault(c => c.Kind == CommitmentValues.Deadline && c.Owner == CommitmentValues.Them && !c.BySpeakerUs
            && c.Commitment.Status != CommitmentValues.Superseded);
}
