using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Drafting;

/// <summary>A step the thread asks of them, ready for a draft: what to do, by when, and what happens otherwise.</summary>
public sealed record DraftStep(string Text, DateOnly? Due, string? Consequence);

/// <summary>
/// The thread's commitments rewritten as the clauses a draft needs: our ask ("Could you send the signed order form by
/// Friday 12 December?") as the step itself ("send the signed order form"), their promise ("We'll review internally and
/// get back to you this week") as what they will do ("review internally and get back to me"), and ours as what we will.
/// A sentence whose shape is not recognised gives nothing, and the draft says less rather than quote it whole.
/// </summary>
public static partial class DraftClauses
{
    /// <summary>Our ask as the step it asks for; null for a status question ("any news?", "would a call help?").</summary>
    public static string? Step(string ask)
    {
        var text = Reminder().Replace(ask.Trim(), "");
        var match = AskedStep().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var step = Finish(match.Groups["v"].Value);
        return step is null || StatusQuestion().IsMatch(step) ? null : step;
    }

    /// <summary>Their promise, told back to them: "review internally and get back to me".</summary>
    public static string? TheirPromise(string action) => Finish(Flip(Promised(action)));

    /// <summary>Our promise, as what we will do: "add ten more seats to the quote".</summary>
    public static string? OurPromise(string action) => Finish(Promised(action));

    /// <summary>What the writer takes on, without what comes before it: "Please email the proposal and we'll review it" is "review it".</summary>
    private static string Promised(string action)
    {
        var text = action.Trim();
        var lead = PromiseLead().Match(text);
        if (lead.Success)
        {
            return text[lead.Length..];
        }

        // "If another time suits better, move it and I'll follow", "send me a time and I'll fit in": a promise that
        // waits on them is their step, not ours; only a real one ("…and we'll review it and get back to you") is kept.
        var inside = TextCues.Promise().Match(text);
        return inside.Success && !text.StartsWith("if ", StringComparison.OrdinalIgnoreCase) && DraftCoach.CountWords(inside.Groups["action"].Value) >= 3
            ? inside.Groups["action"].Value
            : "";
    }

    /// <summary>The thread's ask for the action + consequence + date note: the newest one that names a real step, preferring one with a date or a consequence.</summary>
    public static DraftStep? ActionStep(ThreadAnalysis analysis)
    {
        var commitments = analysis.Commitments;
        var candidates = new List<(Commitment Ask, string Step, string? Consequence)>();
        for (var i = 0; i < commitments.Count; i++)
        {
            var c = commitments[i];
            if (c.Kind != CommitmentValues.Ask || c.Speaker != CommitmentValues.Us || c.Owner != CommitmentValues.Them
                || c.Status is CommitmentValues.Kept or CommitmentValues.Superseded)
            {
                continue;
            }

            // An ask they answered with a promise ("noted, I'll schedule it") is still owed while the promise is open.
            if (c.Status == CommitmentValues.Answered && !commitments.Skip(i + 1).Any(p => p.Kind == CommitmentValues.Promise && p.Owner == CommitmentValues.Them && p.Status is CommitmentValues.Open or CommitmentValues.Overdue))
            {
                continue;
            }

            if (Step(DraftText(c)) is not { } step)
            {
                continue;
            }

            // The consequence may sit in a neighbouring sentence of the same message ("If not, your officers will be locked out").
            var consequence = c.Consequence ?? commitments.Where(o => o.MessageId == c.MessageId && o.Consequence is not null && o.Speaker == CommitmentValues.Us).Select(o => o.Consequence).FirstOrDefault();
            candidates.Add((c, step, consequence));
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var chosen = candidates.LastOrDefault(c => c.Ask.Due is not null || c.Consequence is not null);
        if (chosen.Step is null)
        {
            chosen = candidates[^1];
        }

        // The date: the ask's own, or a date our side set in the same message ("If it is done by Friday 5 December…").
        var dated = chosen.Ask.Due is not null ? chosen.Ask : commitments.FirstOrDefault(o => o.MessageId == chosen.Ask.MessageId && o.Speaker == CommitmentValues.Us && o.Due is not null && o.Kind is CommitmentValues.Deadline or CommitmentValues.Ask);
        return new DraftStep(chosen.Step, Before(dated?.Due, dated?.DuePhrase, dated?.Quote), chosen.Consequence);
    }

    /// <summary>
    /// The newest open thing one side owes, as a clause for "I will:" / "You will:": a promise its owner made, or an
    /// ask the other side made of them. Null when that side owes nothing the thread names.
    /// </summary>
    public static DraftStep? Owed(ThreadAnalysis analysis, string owner)
    {
        foreach (var c in analysis.Commitments.Reverse())
        {
            if (c.Owner != owner || c.Status is not (CommitmentValues.Open or CommitmentValues.Overdue))
            {
                continue;
            }

            var text = c.Kind switch
            {
                CommitmentValues.Promise when c.Speaker == CommitmentValues.Them => TheirPromise(c.Action),
                CommitmentValues.Promise => OurPromise(c.Action),
                CommitmentValues.Ask when c.Speaker == CommitmentValues.Us => Step(DraftText(c)),
                CommitmentValues.Ask => Step(DraftText(c)) is { } step ? TheirAskOfUs(step) : null,
                _ => null,
            };
            if (text is not null)
            {
                return new DraftStep(LowerFirst(AsDone(text)), c.Due, c.Consequence);
            }
        }

        return null;
    }

    /// <summary>
    /// A clause that opened a sentence, lowered to sit inside one. "I" and its contractions stay capitalised
    /// ("…, I'll send it"), as do an acronym and a name written with more than one capital.
    /// </summary>
    internal static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) && !(text[0] == 'I' && !char.IsLetter(text[1]))
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;

    /// <summary>A step named as a thing ("the signed order form", "the approval") needs a verb after "You will:".</summary>
    private static string AsDone(string step) =>
        !NamedThing().IsMatch(step) ? step : Consent().IsMatch(step) ? $"give me {step}" : $"send me {step}";

    /// <summary>Their ask of us, in their words ("add ten more seats to your quote"), is what we will do: their "your" is ours, their "me" is them.</summary>
    private static string TheirAskOfUs(string step) => AskOfUsPronoun().Replace(step, m => m.Value.ToLowerInvariant() switch
    {
        "your" => "our",
        "me" or "us" => "you",
        _ => m.Value,
    });

    [GeneratedRegex(@"^(?:the|your|a|an)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamedThing();

    [GeneratedRegex(@"\b(?:approval|sign-off|go-ahead|decision|confirmation|answer|feedback)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Consent();

    [GeneratedRegex(@"\b(?:your|me|us)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AskOfUsPronoun();

    /// <summary>"Before January" reads as the 1st of January; done before it means by the day before.</summary>
    internal static DateOnly? Before(DateOnly? due, string? phrase, string? sentence = null) =>
        due is { } date && phrase is not null
            && (phrase.StartsWith("before ", StringComparison.OrdinalIgnoreCase) || (sentence?.Contains("before " + phrase, StringComparison.OrdinalIgnoreCase) ?? false))
            ? date.AddDays(-1)
            : due;

    /// <summary>The whole sentence when the quote holds it; the action clause otherwise.</summary>
    private static string DraftText(Commitment c) => c.Quote.EndsWith('…') ? c.Action : c.Quote;

    private static string? Finish(string clause)
    {
        var text = clause.Trim();
        var cut = text.IndexOfAny([';', '?', '!', '(']);
        if (cut > 0)
        {
            text = text[..cut];
        }

        text = DateTail().Replace(text, "");
        text = AddOn().Replace(text, "");
        text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim().TrimEnd('.', ',', '-', '–', '—', ':').Trim();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words is >= 2 and <= 14 && !text.Contains('…') ? text : null;
    }

    /// <summary>Their words turned to the reader's side: their "we/our/I" is "you/your", our "you" is "me".</summary>
    private static string Flip(string text) => Pronoun().Replace(text, m => m.Value.ToLowerInvariant() switch
    {
        "you" => "me",
        "your" => "my",
        "yours" => "mine",
        "we" or "i" => "you",
        "us" or "me" => "you",
        "our" or "my" => "your",
        "ours" or "mine" => "yours",
        var other => other,
    });

    [GeneratedRegex(@"^(?:(?:just |a |quick |gentle |friendly )*reminder that\s+|(?:hi|hello) \w+,\s*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Reminder();

    [GeneratedRegex(@"\b(?:(?:could|can|would|will)\s+(?:you|someone\s+(?:on|in|from)\s+your\s+(?:team|side)|your\s+(?:[\w-]+\s+)?team)\s+(?:please\s+)?(?<v>[a-z][^?]+)|^please\s+(?<v>.+)|,\s*please\s+(?<v>.+)|\b(?:you|your\s+[\w-]+(?:\s+[\w-]+)?|the\s+team)\s+(?:needs?|will\s+need|has|have|must)\s+to\s+(?<v>.+)|\b(?:we|I)\s+(?:still\s+)?need\s+(?<v>(?:your|the|an?)\s+[^,;]+?)\s+(?:by|before|from\s+you)\b|(?<v>(?:the\s+|your\s+)?(?:[\w-]+\s+)?(?:approval|signature|sign-off|go-ahead|decision|confirmation))\s+(?:is|are)\s+(?:needed|required|due))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AskedStep();

    /// <summary>Steps that only ask for news: "let me know where it stands", "help", "confirm if you want to go ahead".</summary>
    [GeneratedRegex(@"^(?:let me know|tell me|update me|keep me posted|get back to me|help|share (?:your|any) thoughts|confirm (?:if|whether)|take a look|have a look|look at|find (?:a|some) time|take \d+ minutes|spare|make it|join (?:a|the) call)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StatusQuestion();

    [GeneratedRegex(@"^(?:thanks,?\s+|ok,?\s+|sure,?\s+|great,?\s+)?(?:I|we)\s*(?:'ll|\u2019ll|\s+will|\s+shall|'m going to|\u2019m going to|\s+am going to|\s+are going to|'re going to|\u2019re going to|'m planning to|'re planning to|\s+plan to|\s+aim to|\s+promise to)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PromiseLead();

    /// <summary>A date phrase inside a clause ("by Friday 12 December", "next week", "before then"): the draft names its own date.</summary>
    [GeneratedRegex(@",?\s+(?:(?:by|before|until|no later than|ahead of|on|for|at|from)\s+(?:the\s+)?(?:end of\s+)?(?:then|\d+(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec))?|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri)(?:day)?,?(?:\s+\d+(?:st|nd|rd|th)?)?(?:\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec))?|(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)(?:\s+\d+(?:st|nd|rd|th)?)?|today|tomorrow|tonight|(?:this|next|coming)\s+(?:week|month|quarter|year|monday|tuesday|wednesday|thursday|friday)|close of business|cob|eod|q[1-4])\b|(?:this|next)\s+(?:week|month|quarter|year)\b|(?:today|tomorrow|asap|as soon as possible)\b|at the latest\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DateTail();

    [GeneratedRegex(@"\s+(?:as well|too|also|please)\s*[.!]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AddOn();

    [GeneratedRegex(@"\b(?:you|your|yours|we|i|us|me|our|ours|my|mine)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pronoun();
}
