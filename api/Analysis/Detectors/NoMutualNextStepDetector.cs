namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>no-mutual-next-step: the last exchange has no dated next step that is still ahead.</summary>
internal sealed class NoMutualNextStepDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        if (thread.Real.Count == 0 || MutualNextStep(thread) is not null)
        {
            return null;
        }

        var anchor = thread.Real.LastOrDefault(thread.InLastExchange) ?? thread.Real[^1];
        return new Signal(SignalCodes.NoMutualNextStep,
            "No dated mutual next step in the last exchange: nothing says who does what by when.",
            SignalWeights.NoMutualNextStep, [anchor.Evidence()]);
    }

    /// <summary>The latest dated next step in the last exchange that is not yet past.</summary>
    public static CommitmentRead? MutualNextStep(ThreadContext thread) =>
        thread.Commitments.LastOrDefault(c => c.Kind == CommitmentValues.NextStep && thread.InLastExchange(c.Message)
            && c.Commitment.Due is DateOnly due && due >= thread.Today.AddDays(-1));
}
