namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>single-threaded: one voice on their side, perhaps with a senior person only copied.</summary>
internal sealed class SingleThreadedDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        var theirPeople = thread.Participants.Where(p => p.Side == "theirs").ToList();
        var senders = thread.Theirs.Select(m => m.FromAddress!).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (theirPeople.Count == 0 || senders > 1)
        {
            return null;
        }

        var senior = SeniorStakeholder(thread);
        var who = thread.ContactFirstNameOr("one contact");
        var message = senior is null
            ? $"Single-threaded: {who} is the only contact on their side."
            : $"Single-threaded: only {who} writes; {senior.Name ?? senior.Address}{(senior.Title is null ? "" : $" ({senior.Title})")} was only copied.";
        var anchor = thread.LastTheirs ?? thread.Real.LastOrDefault();
        return new Signal(SignalCodes.SingleThreaded, message, SignalWeights.SingleThreaded, anchor is null ? [] : [anchor.Evidence()]);
    }

    /// <summary>The senior person on their side who is not the main contact, most present first.</summary>
    public static Participant? SeniorStakeholder(ThreadContext thread) =>
        thread.Participants.Where(p => p.Side == "theirs" && p.IsSenior && !p.IsMainContact)
            .OrderByDescending(p => p.MessagesSent + p.TimesCopied).FirstOrDefault();
}
