using System.Globalization;

namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>action-required: an ask of ours that is theirs to do and still open, with or without a consequence and a date.</summary>
internal sealed class ActionRequiredDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        if (!thread.AwaitingThem || OpenAsk(thread) is not { } ask)
        {
            return null;
        }

        var (action, consequence, due, phrase) = ask;
        var when = due is DateOnly d ? $" by {d.ToString("ddd d MMM", CultureInfo.InvariantCulture)} ({phrase})" : "";
        var message = (due, consequence) switch
        {
            (null, null) => "Action required from them, with no date: the ask can wait forever.",
            (null, _) => "Action required from them, with a consequence but no date.",
            (_, null) => $"Action required from them{when}, with no consequence stated.",
            _ => $"Action required from them{when}, with its consequence stated.",
        };
        return new Signal(SignalCodes.ActionRequired, message,
            due is null ? SignalWeights.ActionRequiredUndated : SignalWeights.ActionRequiredDated,
            [new Evidence(ask.Latest.Commitment.MessageId, ask.Latest.Commitment.Quote)]);
    }

    /// <summary>
    /// Our latest open ask of them, since their last reply. A reminder often restates the ask without its reason
    /// ("a reminder that the approval is needed by the 30th"): the consequence and date of the ask it restates carry over.
    /// </summary>
    public static OpenAsk? OpenAsk(ThreadContext thread)
    {
        var run = thread.Commitments.Where(c => c.Kind == CommitmentValues.Ask && c.Owner == CommitmentValues.Them && c.BySpeakerUs
            && c.Commitment.Status is not CommitmentValues.Answered && (thread.LastTheirs is null || c.Message.Index > thread.LastTheirs.Index)).ToList();
        if (run.Count == 0)
        {
            return null;
        }

        var latest = run[^1];
        var consequence = latest.Commitment.Consequence ?? run.LastOrDefault(c => c.Commitment.Consequence is not null)?.Commitment.Consequence;
        var dated = latest.Commitment.Due is not null ? latest : run.LastOrDefault(c => c.Commitment.Due is not null);
        return new OpenAsk(latest, latest.Commitment.Action, consequence, dated?.Commitment.Due, dated?.Commitment.DuePhrase);
    }
}

internal sealed record OpenAsk(CommitmentRead Latest, string Action, string? Consequence, DateOnly? Due, string? DuePhrase)
{
    public void Deconstruct(out string action, out string? consequence, out DateOnly? due, out string? phrase) =>
        (action, consequence, due, phrase) = (Action, Consequence, Due, DuePhrase);
}
