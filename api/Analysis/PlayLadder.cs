using W = GhostAssist.Api.Analysis.SignalWeights;

namespace GhostAssist.Api.Analysis;

/// <summary>
/// The plays in the order the seeds climb them: value first, then a consequence and a time together,
/// then testing the urgency and widening the thread, and the worried check-in only once everything else
/// went unanswered. Only plays that <see cref="PlayApplicability"/> accepts are kept, so each one drafts.
/// </summary>
internal static class PlayLadder
{
    /// <param name="followUps">Our follow-ups since their reply (see <see cref="ThreadContext.FollowUps"/>), which the ladder climbs with.</param>
    public static List<Recommendation> Recommend(ThreadAnalysis analysis, int followUps)
    {
        var signals = analysis.Signals;
        var facts = analysis.Facts;
        bool Has(string code) => signals.Any(s => s.Code == code);
        var plays = new List<Recommendation>();
        void Add(string kind, string why)
        {
            if (plays.All(p => p.Kind != kind) && PlayApplicability.Check(analysis, kind).Applies)
            {
                plays.Add(new Recommendation(kind, why));
            }
        }

        var who = facts.ContactFirstName ?? "your contact";
        var chases = followUps;
        var days = analysis.DaysSilent;
        var actionRequired = Has(SignalCodes.ActionRequired);
        var single = Has(SignalCodes.SingleThreaded);
        var noConsequence = Has(SignalCodes.DeadlineWithoutConsequence);
        var second = PlayApplicability.SecondStakeholder(analysis);
        var multiWhy = second is null
            ? $"Everything runs through {who}. Bring in a second stakeholder or the decision maker, openly."
            : facts.SeniorStakeholder is { } senior && senior.Address == second.Address
                ? $"Everything runs through {who}; {senior.Name ?? senior.Address}{(senior.Title is null ? "" : $" ({senior.Title})")} has been in the thread. Reach out openly, without going around {who}."
                : $"Everything runs through {who}; {second.Name ?? second.Address} is also on their side. Widen the thread openly, without going around {who}.";
        // With nobody else known on their side, the question of who signs off belongs in the urgency test.
        var signOff = single && second is null ? $" Ask {who} who else signs off, since everything runs through them." : "";
        var deadline = facts.Deadline?.Phrase is { } phrase ? $" ({phrase})" : "";
        const string wiifmWhy = "Lead with what is in it for them: a short outcome summary with an open invitation that needs no reply.";
        var consequenceWhy = facts.OpenAsk is { Consequence: not null, Due: not null }
            ? "They must act: restate the action, what happens if they do or don't, and the date, in one short note."
            : "They must act: say what happens if they do or don't, and by which date.";
        const string inviteWhy = "A calendar invite connects more than half the time; it turns an open ask into a time together.";
        var worriedWhy = $"All other follow-ups went unanswered: an honest, short \"I'm genuinely worried something is wrong\" check-in to {who}.";
        // The seeds' micro-commitments: when they said they would and the date passed, the recap restates who does what by when.
        var recapWhy = Has(SignalCodes.PromiseOverdue)
            ? $"{who} said they would do something by a date that has passed: recap kindly what each side will do, with new dates."
            : "End the exchange with a dated mutual next step: what you do, what they do, what you do together.";
        var urgencyWhy = $"Their timeline{deadline} has no consequence, so it can slip: ask what happens if they decide, or don't.{signOff}";

        if (Has(SignalCodes.Postponed))
        {
            var when = facts.Postponement?.Phrase is { } later ? $" ({later})" : "";
            Add(FollowUpKinds.ReEngage, $"They asked to pick this up later{when}: accept, re-qualify what changed, and book the restart date now.");
            Add(FollowUpKinds.UrgencyTest, "Before agreeing to wait, test what happens to them if this slips.");
            Add(FollowUpKinds.MicroCommitmentRecap, recapWhy);
        }

        if (!analysis.AwaitingThem)
        {
            if (Has(SignalCodes.NoMutualNextStep))
            {
                Add(FollowUpKinds.MicroCommitmentRecap, "You owe the next reply: close it with a dated mutual next step (what you do, what they do, together).");
            }

            if (noConsequence)
            {
                Add(FollowUpKinds.UrgencyTest, urgencyWhy);
            }

            Add(FollowUpKinds.WiifmSummary, wiifmWhy);
            Add(FollowUpKinds.CalendarInvite, inviteWhy);
            Add(FollowUpKinds.MultiThread, multiWhy);
            return plays;
        }

        if (chases >= W.LastResortFollowUps || days >= W.LongSilenceDays && chases >= W.LongSilenceFollowUps)
        {
            // Everything else has been tried: widen the thread if we can, then say honestly that we are worried.
            Add(FollowUpKinds.MultiThread, multiWhy);
            Add(FollowUpKinds.WorriedCheckIn, worriedWhy);
            Add(FollowUpKinds.CalendarInvite, inviteWhy);
            if (noConsequence)
            {
                Add(FollowUpKinds.UrgencyTest, urgencyWhy);
            }
        }
        else if (chases == W.WidenFollowUps || days >= W.WidenDays && chases == 1)
        {
            // Jodie's situation: chased for weeks through one contact. Reach the person who signs off when we know them;
            // test the urgency of a timeline without a consequence; then a time together.
            if (single || second?.IsSenior == true)
            {
                Add(FollowUpKinds.MultiThread, multiWhy);
            }

            if (noConsequence)
            {
                Add(FollowUpKinds.UrgencyTest, urgencyWhy);
            }

            // An ask of ours with its consequence and date already stated: restating all three beats another invite.
            if (actionRequired && facts.OpenAsk is { Due: not null, Consequence: not null })
            {
                Add(FollowUpKinds.ActionConsequence, consequenceWhy);
            }

            Add(FollowUpKinds.CalendarInvite, single && second is null ? inviteWhy + " Invite whoever signs off too." : inviteWhy);
            if (actionRequired)
            {
                Add(FollowUpKinds.ActionConsequence, consequenceWhy);
            }
        }
        else if (chases == 1)
        {
            if (actionRequired)
            {
                Add(FollowUpKinds.ActionConsequence, consequenceWhy);
            }

            Add(FollowUpKinds.CalendarInvite, inviteWhy);
            if (noConsequence)
            {
                Add(FollowUpKinds.UrgencyTest, urgencyWhy);
            }

            Add(FollowUpKinds.WiifmSummary, wiifmWhy);
        }
        else
        {
            Add(FollowUpKinds.WiifmSummary, wiifmWhy);
            // Their own timeline with nothing riding on it is tested early, while it is still ahead.
            if (noConsequence)
            {
                Add(FollowUpKinds.UrgencyTest, urgencyWhy);
            }

            if (actionRequired)
            {
                Add(FollowUpKinds.ActionConsequence, consequenceWhy);
            }

            Add(FollowUpKinds.CalendarInvite, inviteWhy);
        }

        if (noConsequence)
        {
            Add(FollowUpKinds.UrgencyTest, urgencyWhy);
        }

        if (Has(SignalCodes.NoMutualNextStep) || Has(SignalCodes.PromiseOverdue))
        {
            Add(FollowUpKinds.MicroCommitmentRecap, recapWhy);
        }

        if (single)
        {
            Add(FollowUpKinds.MultiThread, multiWhy);
        }

        // The last resort stays last on the ladder: offered once we have chased, never ahead of the other plays.
        if (chases >= 1 || days >= W.WorriedDays)
        {
            Add(FollowUpKinds.WorriedCheckIn, worriedWhy);
        }

        return plays;
    }
}
