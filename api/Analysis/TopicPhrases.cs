using System.Text.RegularExpressions;

namespace GhostAssist.Api.Analysis;

/// <summary>
/// A thread's topic as a noun phrase a sentence can carry ("the connector approval"), made from a subject line
/// ("Connector approval needed") or from our own words ("the approval is needed"). A subject that is not a noun
/// phrase (a question, an instruction, a greeting) gives no topic, and the drafts write their sentences without one.
/// </summary>
internal static partial class TopicPhrases
{
    /// <summary>Verbs a subject line opens with that have a noun for the same change.</summary>
    private static readonly Dictionary<string, string> Nominal = new(StringComparer.OrdinalIgnoreCase)
    {
        ["move"] = "move", ["switch"] = "switch", ["migrate"] = "migration", ["upgrade"] = "upgrade", ["approve"] = "approval",
        ["renew"] = "renewal", ["review"] = "review", ["sign"] = "signing", ["launch"] = "launch",
    };

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase) { "the", "our", "your", "my", "this", "that", "a", "an" };

    /// <summary>
    /// Words that open a request, a question or a greeting rather than name a thing: "Approve the connector",
    /// "Can we meet", "Checking in". Verbs a subject line commonly starts with; a thing's name rarely does.
    /// </summary>
    private static readonly HashSet<string> NotANoun = new(StringComparer.OrdinalIgnoreCase)
    {
        "approve", "move", "sign", "review", "confirm", "book", "schedule", "join", "send", "let's", "lets", "can", "could",
        "would", "will", "shall", "should", "are", "is", "do", "does", "did", "any", "how", "what", "when", "why", "who", "where",
        "checking", "following", "just", "hi", "hello", "hey", "thanks", "thank", "please", "welcome", "great", "nice", "happy",
        "get", "got", "need", "needs", "have", "has", "re", "fw", "fwd", "we", "i", "you", "it", "switch", "add", "update", "call",
        "meet", "talk", "catch", "touch", "circle", "ping", "reminder", "reminding", "quick", "urgent", "fyi", "important",
        "looking", "hoping", "wondering", "reaching", "circling", "touching", "chasing", "nudging", "introducing", "sharing", "sending",
    };

    /// <summary>Status words a subject line adds to its topic: "Connector approval needed", "Workshop follow-up", "Pricing update".</summary>
    [GeneratedRegex(@"(?:\s*[-–—,]?\s*\b(?:needed|required|pending|outstanding|overdue|requested|request|reminder|update|updates|follow[- ]?up|recap|check[- ]?in|next steps|questions?|please|asap|urgent|fyi|for review|for approval|for signature|to sign|to review|attached|enclosed|inside|here|now|today|again|v\d+|draft|final))+\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TrailingStatus();

    /// <summary>Labels in front of the topic: "Reminder: ", "Quick question - ", "Action needed: ", "[External] ".</summary>
    [GeneratedRegex(@"^(?:\s*(?:\[[^\]]{1,30}\]|\((?:external|ext)\)|(?:action|approval|response|reply|input|decision|signature)s?\s+(?:needed|required|requested)|reminder|friendly reminder|quick question|question|follow[- ]?up|following up|update|fyi|urgent|important|re|fw|fwd)\s*[:\-–—|]\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LeadingLabel();

    /// <summary>Where a date or a time frame starts: "Renewal quote by Friday", "QBR for November", "Pricing – 12 Dec".</summary>
    [GeneratedRegex(@"\s+(?:by|before|until|on|for|due|from|in|this|next|w/c|wc|[-–—])\s+(?:the\s+)?(?:end of\s+)?(?:\d+|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|today|tomorrow|tonight|week|month|quarter|year|q[1-4]|h[12]|fy\d)\b.*$|\s+(?:-|–|—)\s*\d.*$|\s+\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DatePart();

    /// <summary>Where a clause's verb starts in a topic taken from our words: "the approval is needed", "the pack we sent".</summary>
    [GeneratedRegex(@"\s+(?:is|are|was|were|has|have|had|needs|needed|will|would|should|can|could|must|may|might|got|gets|went|goes|still|we|i|you|they|that|which|who|what|how|when|where|why|so|but|because|if)\b.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex VerbPart();

    [GeneratedRegex(@"^(?:dip|drop|issues?|problems?|delays?|outages?|incidents?|complaints?|escalations?|bugs?|errors?|silence)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Problem();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’&.\-]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Word();

    /// <summary>A topic found in our words ("the approval is needed"), cut back to its noun phrase ("the approval").</summary>
    public static string? FromOurWords(string topic)
    {
        var phrase = VerbPart().Replace(topic.Trim(), "");
        phrase = TrailingStatus().Replace(phrase, "").Trim();
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 2 && Dangling.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        // A long capture ran past the thing into the rest of the sentence ("the first month and agree the clinics…");
        // a problem ("the adoption dip") is not a thing to keep moving or put on hold.
        return words.Count is >= 2 and <= 6 && !Dangling.Contains(words[^1]) && !Problem().IsMatch(words[^1]) ? string.Join(' ', words) : null;
    }

    private static readonly HashSet<string> Dangling = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "our", "your", "my", "this", "that", "a", "an", "for", "at", "on", "by", "with", "of", "in", "to", "from", "and", "or", "about",
    };

    /// <summary>
    /// The subject line as a noun phrase for sentences, or null when it is not one. <paramref name="text"/> is the
    /// thread's own words: a capitalised subject word written in lower case there is a common noun ("Connector" →
    /// "connector"); one written capitalised mid-sentence, or part of a name in <paramref name="names"/>, keeps its capital.
    /// </summary>
    public static string? FromSubject(string subject, string text, IEnumerable<string> names)
    {
        // A subject line longer than a line of text names no thing; it also bounds the work of the patterns below.
        if (subject.Length > 160)
        {
            return null;
        }

        var nameWords = names.SelectMany(n => Word().Matches(n).Select(m => m.Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var phrase = LeadingLabel().Replace(subject.Trim(), "");

        // "Marlow Hotels: pilot results": the company in front of a colon labels the topic after it.
        var colon = phrase.IndexOf(':');
        if (colon > 0 && Word().Matches(phrase[..colon]) is { Count: > 0 and <= 3 } label && (label.All(w => nameWords.Contains(w.Value)) || nameWords.Contains(string.Concat(label.Select(w => w.Value)))))
        {
            phrase = phrase[(colon + 1)..].Trim();
        }

        if (phrase.Length == 0 || phrase.IndexOfAny(['?', '!', ':', '/', '|', '[', ']', '@', '#']) >= 0)
        {
            return null;
        }

        phrase = DatePart().Replace(phrase, "");
        phrase = TrailingStatus().Replace(phrase, "").Trim().TrimEnd('.', ',', ';', '-', '–', '—').Trim();
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

        // "Move Beacon sign-in to SSO" names a change: as a thing, "the move of Beacon sign-in to SSO".
        var nominalised = words.Count is >= 2 and <= 6 && Nominal.ContainsKey(words[0]);
        if (nominalised)
        {
            words[0] = Nominal[words[0]];
            words.Insert(1, "of");
        }

        if (words.Count == 0 || words.Count > 7 || (!nominalised && NotANoun.Contains(words[0]))
            || words.Any(w => w.Any(char.IsDigit) && !w.Any(char.IsLetter)))
        {
            return null;
        }

        var hasDeterminer = Determiners.Contains(words[0]) && !nominalised;
        for (var i = 0; i < words.Count; i++)
        {
            words[i] = Cased(words[i], text, nameWords);
        }

        var result = string.Join(' ', words);
        return hasDeterminer ? char.ToLowerInvariant(result[0]) + result[1..] : "the " + result;
    }

    private static string Cased(string word, string text, HashSet<string> nameWords)
    {
        if (word.Length < 2 || !char.IsUpper(word[0]) || word.Skip(1).Any(char.IsUpper) || nameWords.Contains(word))
        {
            // Lower case already, an acronym (SSO, QBR) or a mixed-case brand (GhostAssist), or a name of the thread.
            return word;
        }

        var lower = char.ToLowerInvariant(word[0]) + word[1..];
        // A word inside an address or a domain ("fiona@kestrel-home.example") is not the thread writing it in lower case.
        var writtenLower = Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}@./_\-]){Regex.Escape(lower)}(?![\p{{L}}\p{{N}}@_\-]|\.\w)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var writtenCapitalisedMidSentence = Regex.IsMatch(text, $@"[\p{{L}}\p{{N}},;] {Regex.Escape(word)}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (writtenLower && !writtenCapitalisedMidSentence)
        {
            return lower;
        }

        // Capitalised and never in lower case: a name, even where it only opens a line ("Kestrel Home Insurance" in a signature).
        if (writtenCapitalisedMidSentence || (!writtenLower && Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}@./_\-]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
        {
            return word;
        }

        // Not in the thread's words at all: a subject line capitalises its first word (and, in title case, every
        // word), so its capital says nothing; lower case reads as English for a common noun.
        return lower;
    }
}
