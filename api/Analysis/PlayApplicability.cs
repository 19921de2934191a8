namespace GhostAssist.Api.Analysis;

/// <summary>Whether a play can be drafted for a thread, and if not, why in words the user can act on.</summary>
public sealed record PlayCheck(bool Applies, string? Why)
{
    public static readonly PlayCheck Yes = new(true, null);

    public static PlayCheck No(string why) => new(false, why);
}

/// <summary>
/// The one rule book for which plays fit a thread. The recommender only recommends what passes it and
/// drafting refuses (422) what fails it, so a recommended play can always be drafted with one click.
/// See docs/decisions/0101-one-applicability-rule.md.
/// </summary>
public static class PlayApplicability
{
    /// <param name="hasRecipient">The user named who the note goes to; a multi-thread note then needs no second stakeholder from the thread.</param>
    public static PlayCheck Check(ThreadAnalysis analysis, string kind, bool hasRecipient = false)
    {
        var theirs = analysis.Participants.Where(p => p.Side == "theirs").ToList();
        var anyoneThere = theirs.Count > 0 || !string.IsNullOrEmpty(analysis.Facts.ContactAddress);
        switch (kind)
        {
            case FollowUpKinds.WorriedCheckIn:
                if (!analysis.AwaitingThem)
                {
                    return PlayCheck.No("A worried check-in is a last resort for silence, but they wrote last in this thread: answer their message instead.");
                }

                // One message of ours since their reply is not yet a follow-up gone unanswered.
                if (analysis.UnansweredChases <= 1 && analysis.DaysSilent < 7)
                {
                    return PlayCheck.No(
                        $"A worried check-in is a last resort, once other follow-ups have gone unanswered; this thread has no unanswered follow-up and {analysis.DaysSilent} days of silence. Try an outcome summary or a calendar invite first.");
                }

                break;
            case FollowUpKinds.ReEngage:
                var postponed = analysis.Facts.Postponement is not null || analysis.Signals.Any(s => s.Code == SignalCodes.Postponed);
                if (!postponed && !RepliedAfterSilence(analysis))
                {
                    return PlayCheck.No(
                        "Re-engage is for a contact who comes back after a silence or asks to pick this up later (\"can we pick this up in January?\"); this thread has neither a postponement nor a reply after silence.");
                }

                break;
            case FollowUpKinds.MultiThread:
                if (!anyoneThere)
                {
                    return PlayCheck.No("A multi-thread note goes to a second stakeholder with your main contact in copy, but this thread has no contact on the other side.");
                }

                if (!hasRecipient && SecondStakeholder(analysis) is null)
                {
                    return PlayCheck.No(
                        "This thread has no second stakeholder to reach: only the main contact appears on their side. Give a recipient (for example the person who signs off), or choose another play.");
                }

                break;
        }

        if (!anyoneThere && !hasRecipient)
        {
            return PlayCheck.No("This thread has no one on the other side to write to. Give a recipient address.");
        }

        return PlayCheck.Yes;
    }

    /// <summary>The person a multi-thread note goes to: the senior stakeholder seen in the thread, else the most present other person on their side.</summary>
    public static Participant? SecondStakeholder(ThreadAnalysis analysis)
    {
        var main = analysis.Participants.FirstOrDefault(p => p.IsMainContact)?.Address ?? analysis.Facts.ContactAddress;
        bool NotMain(Participant p) => !string.Equals(p.Address, main, StringComparison.OrdinalIgnoreCase);
        if (analysis.Facts.SeniorStakeholder is { } senior && senior.Side == "theirs" && NotMain(senior))
        {
            return senior;
        }

        return analysis.Participants.Where(p => p.Side == "theirs" && NotMain(p))
            .OrderByDescending(p => p.IsSenior).ThenByDescending(p => p.MessagesSent + p.TimesCopied).FirstOrDefault();
    }

    /// <summary>The other side's latest real message came after at least two weeks without one.</summary>
    public static bool RepliedAfterSilence(ThreadAnalysis analysis)
    {
        var real = analysis.Messages.Where(m => !m.IsAutoReply && m.SentDateTime is not null).OrderBy(m => m.SentDateTime).ToList();
        if (real.Count < 2 || real[^1].FromUs)
        {
            return false;
        }

        var previousTheirs = real.Take(real.Count - 1).LastOrDefault(m => !m.FromUs);
        var since = previousTheirs?.SentDateTime ?? real[0].SentDateTime;
        return real[^1].SentDateTime - since >= TimeSpan.FromDays(14);
    }
}
