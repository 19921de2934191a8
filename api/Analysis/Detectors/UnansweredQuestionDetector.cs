namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>unanswered-question: they asked us something in their last message and we have not written since; the silence may be ours.</summary>
internal sealed class UnansweredQuestionDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        if (thread.AwaitingThem || thread.LastTheirs is null)
        {
            return null;
        }

        var question = thread.Commitments.LastOrDefault(c => c.Kind == CommitmentValues.Ask && c.Owner == CommitmentValues.Us
            && c.Commitment.Status == CommitmentValues.Open && ReferenceEquals(c.Message, thread.LastTheirs));
        if (question is null)
        {
            return null;
        }

        var days = SignalDetectors.Days(thread.DaysSilent);
        return new Signal(SignalCodes.UnansweredQuestion,
            $"They asked us something {(thread.DaysSilent == 0 ? "today" : days + " ago")} and we have not answered: the silence may be ours.",
            SignalWeights.UnansweredQuestion, [new Evidence(question.Commitment.MessageId, question.Commitment.Quote)]);
    }
}
