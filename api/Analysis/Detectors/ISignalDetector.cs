namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>One ghost signal: reads the thread, returns the signal with its evidence, or null when it does not apply.</summary>
internal interface ISignalDetector
{
    Signal? Detect(ThreadContext thread);
}

/// <summary>The detectors in the order they run; the signals are then ordered by weight.</summary>
internal static class SignalDetectors
{
    public static readonly IReadOnlyList<ISignalDetector> All =
    [
        new SilenceDetector(),
        new UnansweredChasesDetector(),
        new SlowingRepliesDetector(),
        new SingleThreadedDetector(),
        new NoMutualNextStepDetector(),
        new DeadlineWithoutConsequenceDetector(),
        new ActionRequiredDetector(),
        new PostponedDetector(),
        new PromiseOverdueDetector(),
        new UnansweredQuestionDetector(),
    ];

    public static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
