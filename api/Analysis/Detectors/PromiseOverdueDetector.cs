using System.Globalization;

namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>promise-overdue: they said they would do something by a date, the date passed, and they have not written since.</summary>
internal sealed class PromiseOverdueDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        var promise = thread.Commitments.LastOrDefault(c => c.Kind == CommitmentValues.Promise && c.Owner == CommitmentValues.Them
            && c.Commitment.Status == CommitmentValues.Overdue);
        if (promise is null)
        {
            return null;
        }

        var due = promise.Commitment.Due!.Value.ToString("ddd d MMM", CultureInfo.InvariantCulture);
        return new Signal(SignalCodes.PromiseOverdue,
            $"{thread.ContactFirstNameOr("They")} promised to {Action(promise.Commitment.Action)} by {due} ({promise.Commitment.DuePhrase}); that date has passed with no word.",
            SignalWeights.PromiseOverdue, [new Evidence(promise.Commitment.MessageId, promise.Commitment.Quote)]);
    }

    private static string Action(string clause)
    {
        var match = TextCues.Promise().Match(clause);
        var action = match.Success ? match.Groups["action"].Value : clause;
        return TextCues.Quote(action.TrimEnd('.', '!', ' '), 80);
    }
}
