namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>slowing-replies: their latest wait (or the one still running) is far longer than their usual one.</summary>
internal sealed class SlowingRepliesDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        // A time together is already agreed in the last exchange: nobody is waiting on a reply.
        if (thread.AwaitingThem && NoMutualNextStepDetector.MutualNextStep(thread) is not null)
        {
            return null;
        }

        // Their latency: from our first message after their previous one to their next reply.
        var latencies = new List<(TimeSpan Latency, ThreadMessage Reply)>();
        ThreadMessage? waitingSince = null;
        foreach (var message in thread.Real.Where(m => m.When is not null))
        {
            if (message.FromUs)
            {
                waitingSince ??= message;
            }
            else if (waitingSince is not null)
            {
                latencies.Add((message.When!.Value - waitingSince.When!.Value, message));
                waitingSince = null;
            }
        }

        if (latencies.Count == 0)
        {
            return null;
        }

        TimeSpan recent;
        Evidence recentEvidence;
        List<TimeSpan> earlier;
        if (thread.AwaitingThem && waitingSince is not null)
        {
            recent = thread.Now - waitingSince.When!.Value;
            recentEvidence = waitingSince.Evidence();
            earlier = latencies.Select(l => l.Latency).ToList();
        }
        else if (latencies.Count >= 2)
        {
            recent = latencies[^1].Latency;
            recentEvidence = latencies[^1].Reply.Evidence();
            earlier = latencies.Take(latencies.Count - 1).Select(l => l.Latency).ToList();
        }
        else
        {
            return null;
        }

        var typical = earlier.OrderBy(t => t).ElementAt(earlier.Count / 2);
        if (recent.TotalDays < SignalWeights.SlowingFromDays || recent < typical * SignalWeights.SlowingFactor + TimeSpan.FromHours(SignalWeights.SlowingMarginHours))
        {
            return null;
        }

        return new Signal(SignalCodes.SlowingReplies,
            $"{thread.ContactFirstNameOr("They")} used to reply within {Duration(typical)}; {(thread.AwaitingThem ? "this time it has been" : "the last reply took")} {Duration(recent)}.",
            SignalWeights.SlowingReplies, [latencies[0].Reply.Evidence(), recentEvidence]);
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours < 36 ? $"{Math.Max(1, (int)Math.Round(span.TotalHours))} hours" : $"{(int)Math.Round(span.TotalDays)} days";
}
