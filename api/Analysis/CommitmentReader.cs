namespace GhostAssist.Api.Analysis;

/// <summary>A commitment with the message it came from, as the detectors and the facts need it.</summary>
internal sealed record CommitmentRead(Commitment Commitment, ThreadMessage Message, string Sentence)
{
    public string Kind => Commitment.Kind;
    public string Owner => Commitment.Owner;
    public bool BySpeakerUs => Commitment.Speaker == CommitmentValues.Us;
    public bool IsOpen => Commitment.Status is CommitmentValues.Open or CommitmentValues.Overdue;
}

/// <summary>
/// The commitments model: every ask, promise, deadline and dated mutual next step in the new text of each
/// real message, speaker-aware (our ask is theirs to do; their promise is theirs to keep), with its due day
/// resolved against the message's sent time and its status judged from the rest of the thread and today.
/// </summary>
internal static class CommitmentReader
{
    public static List<CommitmentRead> Read(ThreadContext thread, CancellationToken cancellationToken)
    {
        var found = new List<(string Kind, string Owner, ThreadMessage Message, string Sentence, string Action, ResolvedDate? Date, string? Consequence)>();
        // A dated proposal to meet ("could we meet on Monday 23 November?") becomes a mutual next step when the other side accepts it.
        (ThreadMessage Message, string Sentence, ResolvedDate Date)? proposal = null;
        foreach (var message in thread.Real)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reference = message.Day(thread.Now);
            var sentences = message.Sentences;
            if (proposal is { } offered && offered.Message.FromUs != message.FromUs && sentences.FirstOrDefault(TextCues.IsAcceptance) is { } accepted)
            {
                // Each yes counts (two people on their side may both accept); the proposal stands until a new one.
                found.Add((CommitmentValues.NextStep, CommitmentValues.Both, message, accepted, TextCues.Clause(offered.Sentence, 0, 0), offered.Date, null));
            }

            for (var s = 0; s < sentences.Count; s++)
            {
                var text = sentences[s];
                if (!message.FromUs && TextCues.IsPostponement(text))
                {
                    continue;
                }

                var dates = DateMentions.Find(text, reference);
                var date = Binding(dates, reference);
                var consequence = Consequence(text, s + 1 < sentences.Count ? sentences[s + 1] : null);
                var speaker = message.FromUs ? CommitmentValues.Us : CommitmentValues.Them;
                var other = message.FromUs ? CommitmentValues.Them : CommitmentValues.Us;

                // A proposal to meet that is still a question ("can we agree next steps by Friday?") is an ask until it is accepted.
                if (date is not null && date.Date >= reference && TextCues.IsNextStep(text) && Mutual(text) && !text.TrimEnd().EndsWith('?'))
                {
                    found.Add((CommitmentValues.NextStep, CommitmentValues.Both, message, text, ActionOf(text, TextCues.NextStepWord().Match(text)), date, consequence));
                }
                else if (TextCues.IsPromise(text))
                {
                    found.Add((CommitmentValues.Promise, speaker, message, text, ActionOf(text, TextCues.Promise().Match(text)), date, consequence));
                }
                else if (TextCues.IsAsk(text) || TextCues.IsStatedAsk(text))
                {
                    // A question to us that is small talk ("How are you?") asks nothing of substance.
                    if (!message.FromUs && text.Length < 20)
                    {
                        continue;
                    }

                    if (date is not null && date.Date >= reference && TextCues.IsNextStep(text))
                    {
                        proposal = (message, text, date);
                    }

                    var cue = TextCues.Ask().Match(text) is { Success: true } asked ? asked : TextCues.StatedAskCue(text);
                    found.Add((CommitmentValues.Ask, other, message, text, ActionOf(text, cue.Success ? cue : null), date, consequence));
                }
                else if (date is not null && TextCues.IsDeadline(text))
                {
                    // A timeline the writer's side set: "our contract runs out at the end of January, so we need to decide this month".
                    found.Add((CommitmentValues.Deadline, speaker, message, text, ActionOf(text, TextCues.DeadlineWord().Match(text)), date, consequence));
                }
            }
        }

        // What "later" means, worked out once: statuses are then constant work per commitment.
        var later = new Later(
            thread.Theirs.LastOrDefault()?.Index ?? -1,
            thread.Ours.LastOrDefault()?.Index ?? -1,
            found.Where(f => f.Kind == CommitmentValues.Ask && f.Owner == CommitmentValues.Them).Select(f => f.Message.Index).DefaultIfEmpty(-1).Max(),
            found.FindLastIndex(f => f.Kind == CommitmentValues.Deadline && f.Owner == CommitmentValues.Them),
            found.FindLastIndex(f => f.Kind == CommitmentValues.Deadline && f.Owner == CommitmentValues.Us),
            thread.Theirs.LastOrDefault(m => m.Sentences.Any(TextCues.IsPostponement))?.Index ?? -1);
        var reads = new List<CommitmentRead>(found.Count);
        for (var i = 0; i < found.Count; i++)
        {
            var f = found[i];
            var speaker = f.Message.FromUs ? CommitmentValues.Us : CommitmentValues.Them;
            var status = Status(thread.Today, later, i, f.Kind, f.Owner, f.Message.Index, f.Date?.Date);
            var commitment = new Commitment(f.Kind, f.Owner, speaker, f.Action, f.Date?.Date, f.Date?.Phrase, f.Consequence, status, f.Message.Id, TextCues.Quote(f.Sentence));
            reads.Add(new CommitmentRead(commitment, f.Message, f.Sentence));
        }

        return reads;
    }

    /// <summary>The day that binds: the earliest one still ahead of the message ("end of January … decide this month" is this month).</summary>
    private static ResolvedDate? Binding(List<ResolvedDate> dates, DateOnly reference) =>
        dates.Where(d => d.Date >= reference).OrderBy(d => d.Date).FirstOrDefault() ?? dates.FirstOrDefault();

    /// <summary>Both sides in it: a proposal to meet, or one agreed ("let's", "shall we", "see you", "booked", "works for me").</summary>
    private static bool Mutual(string text) => TextCues.MutualWording().IsMatch(text);

    private static string? Consequence(string sentence, string? next)
    {
        var match = TextCues.StatedConsequence(sentence);
        if (match.Success && !TextCues.IsOwnWish(sentence[..match.Index]))
        {
            return WholeConsequence(sentence, match);
        }

        // "Please approve by Friday. Otherwise the upgrade waits a month." The consequence often follows.
        if (next is not null && TextCues.StatedConsequence(next) is { Success: true } after && after.Index < 12 && !TextCues.IsOwnWish(next[..after.Index]))
        {
            return WholeConsequence(next, after);
        }

        return null;
    }

    /// <summary>"If not, your officers will be locked out": a clause that is only its cue ("If not") takes the words after its comma.</summary>
    private static string WholeConsequence(string sentence, System.Text.RegularExpressions.Match cue)
    {
        var clause = TextCues.Clause(sentence, cue.Index, cue.Length);
        var rest = sentence[(cue.Index + cue.Length)..].TrimStart(' ', ',');
        return clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 2 && rest.Length > 0
            ? TextCues.Quote(cue.Value + ", " + rest.TrimEnd('.', '!'))
            : clause;
    }

    private static string ActionOf(string sentence, System.Text.RegularExpressions.Match? cue)
    {
        if (cue is { Success: true })
        {
            return TextCues.Clause(sentence, cue.Index, cue.Length);
        }

        return TextCues.Quote(sentence, 100);
    }

    private sealed record Later(int TheirLast, int OurLast, int LastAskOfThem, int LastTheirDeadline, int LastOurDeadline, int LastPostponement);

    private static string Status(DateOnly today, Later later, int position, string kind, string owner, int messageIndex, DateOnly? due)
    {
        var passed = due is DateOnly d && d < today;
        switch (kind)
        {
            case CommitmentValues.Ask when owner == CommitmentValues.Them:
                if (later.TheirLast > messageIndex)
                {
                    return CommitmentValues.Answered;
                }

                // The latest unanswered ask of ours is the one that stands; an earlier one it restates is superseded.
                if (later.LastAskOfThem > messageIndex)
                {
                    return CommitmentValues.Superseded;
                }

                return passed ? CommitmentValues.Overdue : CommitmentValues.Open;
            case CommitmentValues.Ask:
                return later.OurLast > messageIndex ? CommitmentValues.Answered : CommitmentValues.Open;
            case CommitmentValues.Promise:
                // A promise is kept when its owner wrote again (the seeds' micro-commitments: "I will … by Thursday", then they did).
                if ((owner == CommitmentValues.Us ? later.OurLast : later.TheirLast) > messageIndex)
                {
                    return CommitmentValues.Kept;
                }

                return passed ? CommitmentValues.Overdue : CommitmentValues.Open;
            case CommitmentValues.Deadline:
                var lastDeadline = owner == CommitmentValues.Them ? later.LastTheirDeadline : later.LastOurDeadline;
                if (lastDeadline > position || owner == CommitmentValues.Them && later.LastPostponement > messageIndex)
                {
                    return CommitmentValues.Superseded;
                }

                return passed ? CommitmentValues.Overdue : CommitmentValues.Open;
            default:
                if (due is null || due.Value >= today.AddDays(-1))
                {
                    return CommitmentValues.Open;
                }

                return later.TheirLast > messageIndex ? CommitmentValues.Kept : CommitmentValues.Overdue;
        }
    }
}
