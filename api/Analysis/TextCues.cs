using System.Buffers;
using System.Text.RegularExpressions;

namespace GhostAssist.Api.Analysis;

/// <summary>The wording cues the analysis reads sentences with, in one place so they can be tuned together.</summary>
internal static partial class TextCues
{
    private const int MaxSentence = 1000;

    /// <summary>Splits a message's new text into sentences (and lines), dropping greetings and the signature.</summary>
    public static List<string> Sentences(string text)
    {
        var sentences = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || Greeting().IsMatch(line) || ReplyExtractor.SignOff().IsMatch(line))
            {
                continue;
            }

            // "Hi Dana, any thoughts?" quotes better as "any thoughts?" once capitalised.
            var greeting = LeadingGreeting().Match(line);
            if (greeting.Success && greeting.Length < line.Length)
            {
                line = char.ToUpperInvariant(line[greeting.Length]) + line[(greeting.Length + 1)..];
            }

            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] is '.' or '!' or '?' && (i + 1 == line.Length || line[i + 1] == ' ') && !IsAbbreviation(line, i))
                {
                    Add(line[start..(i + 1)]);
                    start = i + 1;
                }
            }

            Add(line[start..]);
        }

        return sentences;

        void Add(string sentence)
        {
            // The cue patterns are linear, but a runaway "sentence" (a pasted log, no punctuation) is not worth reading whole.
            var trimmed = sentence.Length > MaxSentence ? sentence[..MaxSentence].Trim() : sentence.Trim();
            if (trimmed.Length > 1)
            {
                sentences.Add(trimmed);
            }
        }
    }

    private static bool IsAbbreviation(string line, int dot)
    {
        if (line[dot] != '.')
        {
            return false;
        }

        var wordStart = line.LastIndexOf(' ', dot) + 1;
        var word = line.AsSpan(wordStart, dot - wordStart);
        // Initials and titles do not end a sentence; "EU." or "today." does.
        return word.Length == 1 || word is "e.g" or "i.e" or "etc" or "approx" or "Inc" or "Ltd" or "Co" or "vs" or "Mr" or "Ms" or "Mrs" or "Dr" or "Prof" or "St" or "No" or "Jr" or "Sr";
    }

    // Words one of which every match of the pattern contains: a vectorised scan skips most sentences before the regex runs.
    private static readonly SearchValues<string> PostponementWords = SearchValues.Create(
        ["pick", "revisit", "circle back", "come back", "reconnect", "touch base", "push", "hold", "postpone", "priorit", "holidays",
         "new year", "later this year", "next quarter", "next year", "freeze", "cut back", "right time", "timing"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> AskWords = SearchValues.Create(
        ["?", "could you", "can you", "would you", "will you", "please", "let me know", "need you", "waiting", "awaiting", "your ", "sign",
         "approve", "confirm", "send", "get back"], StringComparison.OrdinalIgnoreCase);

    // The same pre-check for the other cues: most sentences hold none of their words, and the regex is then never run.
    private static readonly SearchValues<string> DeadlineWords = SearchValues.Create(
        ["by", "before", "no later", "deadline", "due", "until", "till", "latest", "eod", "cob", "end of", "decid", "decision"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> ConsequenceWords = SearchValues.Create(
        ["otherwise", "if ", "or else", "so ", "in order", "means", "miss", "lose", "losing", "slip", "expir", "delay", "cost", "risk", "consequence",
         "penalt", "run out", "runs out", "lapse", "price", "able", "in time", "have time"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> NextStepWords = SearchValues.Create(
        ["call", "meet", "demo", "session", "walk", "catch", "sync", "workshop", "kick", "next step", "check-in", "invite", "calendar", "talk",
         "speak", "chat", "review", "together", "teams", "zoom"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> GoalWords = SearchValues.Create(
        ["we need", "we want", "we'd like", "we would like", "goal", "we're", "we are", "we have to", "we must", "we plan", "we hope", "have time to", "decision"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> OutcomeWords = SearchValues.Create(
        ["sav", "reduc", "cut", "lower", "increas", "boost", "grow", "faster", "quicker", "improv", "fewer", "less time", "more time", "roi", "revenue",
         "payback", "%", "up ", "down ", "fixed", "avoid", "on time", "efficien", "adoption", "fell ", "dropped ", "rose ", "climbed "], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> TitleWords = SearchValues.Create(
        ["CEO", "CIO", "CTO", "CFO", "COO", "CMO", "CRO", "CPO", "CISO", "VP", "director", "vice president", "chief", "head of"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a text may name someone with a title ("our CIO, Priya Shah"); the name patterns only run when it does.</summary>
    public static bool MayMentionTitle(string text) => text.AsSpan().IndexOfAny(TitleWords) >= 0;

    public static bool IsDeadline(string sentence) => sentence.AsSpan().IndexOfAny(DeadlineWords) >= 0 && DeadlineWord().IsMatch(sentence);

    public static bool HasConsequence(string sentence) => sentence.AsSpan().IndexOfAny(ConsequenceWords) >= 0 && Consequence().IsMatch(sentence);

    public static bool IsNextStep(string sentence) => sentence.AsSpan().IndexOfAny(NextStepWords) >= 0 && NextStepWord().IsMatch(sentence);

    public static bool IsGoal(string sentence) => sentence.AsSpan().IndexOfAny(GoalWords) >= 0 && Goal().IsMatch(sentence);

    public static bool HasOutcome(string sentence) => sentence.AsSpan().IndexOfAny(OutcomeWords) >= 0 && Outcome().IsMatch(sentence);

    public static bool IsPostponement(string sentence) =>
        sentence.AsSpan().IndexOfAny(PostponementWords) >= 0 && Postponement().IsMatch(sentence);

    public static bool IsAsk(string sentence) => sentence.AsSpan().IndexOfAny(AskWords) >= 0 && Ask().IsMatch(sentence);

    private static readonly SearchValues<char> ClauseBreaks = SearchValues.Create(",;:()\u2013\u2014");

    private static readonly string[] LeadingJoiners = ["and so ", "so that ", "so ", "and ", "but ", "which ", "then ", "also ", "because "];

    /// <summary>
    /// The clause of <paramref name="sentence"/> around the span at <paramref name="index"/>: a fact quoted in a
    /// draft reads as a phrase ("please get the security pack to us by Monday at the latest"), not as a whole
    /// sentence cut off with an ellipsis. Whole words only, at most <paramref name="max"/> characters.
    /// </summary>
    public static string Clause(string sentence, int index, int length, int max = 100)
    {
        index = Math.Clamp(index, 0, sentence.Length);
        var end = Math.Min(sentence.Length, index + Math.Max(0, length));
        var span = sentence.AsSpan();
        var before = span[..index].LastIndexOfAny(ClauseBreaks);
        var start = before < 0 ? 0 : before + 1;
        var after = span[end..].IndexOfAny(ClauseBreaks);
        var stop = after < 0 ? sentence.Length : end + after;

        // A clause of a few words ("by Friday") says too little: take in the clause before it.
        if (stop - start < 30 && before > 0)
        {
            var earlier = span[..before].LastIndexOfAny(ClauseBreaks);
            start = earlier < 0 ? 0 : earlier + 1;
        }

        // Long clauses joined by "and" are two things: keep the one holding the span.
        if (stop - start > max)
        {
            var and = sentence.LastIndexOf(" and ", index, index - start, StringComparison.Ordinal);
            if (and > start)
            {
                start = and + 1;
            }

            var nextAnd = sentence.IndexOf(" and ", end, stop - end, StringComparison.Ordinal);
            if (nextAnd > 0)
            {
                stop = nextAnd;
            }
        }

        var clause = sentence[start..stop].Trim().TrimStart('-', '*', '\u2022', ' ').TrimEnd('.', '!', ',', ';', ' ');
        foreach (var joiner in LeadingJoiners)
        {
            if (clause.StartsWith(joiner, StringComparison.OrdinalIgnoreCase) && clause.Length > joiner.Length + 10)
            {
                clause = clause[joiner.Length..];
                break;
            }
        }

        return Words(clause, max, sentence.IndexOf(clause, StringComparison.Ordinal) is var at and >= 0 ? index - at : 0);
    }

    /// <summary>At most <paramref name="max"/> characters of whole words, kept around <paramref name="focus"/>, with no ellipsis.</summary>
    private static string Words(string text, int max, int focus)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var start = Math.Clamp(focus - max / 3, 0, text.Length - max);
        if (start > 0)
        {
            var space = text.IndexOf(' ', start);
            start = space < 0 ? start : space + 1;
        }

        var stop = Math.Min(text.Length, start + max);
        if (stop < text.Length)
        {
            var space = text.LastIndexOf(' ', stop - 1, stop - start);
            stop = space > start ? space : stop;
        }

        return text[start..stop].Trim().TrimEnd(',', ';', ':');
    }

    [GeneratedRegex(@"^(?:(?:the|our|my) [\p{L}-]+(?: team)?|we|I|they|you|he|she)(?: really| also| still)? (?:wants?|needs?|would like|'d like|expects?|hopes?|would love) (?:to )?(?:see |have |get )?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WantPrefix();

    [GeneratedRegex(@"^(?:your|our|the) (?:goal|aim|target|objective) (?:is|was) (?:to )?(?:get |have |see |bring |keep )?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GoalPrefix();

    /// <summary>An outcome as a bullet: "the board wants the redelivery costs fixed" is "the redelivery costs fixed".</summary>
    public static string OutcomePhrase(string clause)
    {
        var want = WantPrefix().Match(clause);
        var rest = want.Success ? clause[want.Length..] : clause;
        var goal = GoalPrefix().Match(rest);
        rest = goal.Success ? rest[goal.Length..] : rest;
        return rest.Length < 12 ? clause : rest;
    }

    /// <summary>A short quote for evidence: whole words, at most <paramref name="max"/> characters.</summary>
    public static string Quote(string text, int max = 160)
    {
        var flat = People.PersonNames.Flatten(text, max, untrusted: false);
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', max - 1);
        return flat[..(cut > max / 2 ? cut : max - 1)] + "…";
    }

    [GeneratedRegex(@"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|bonjour|hola|ciao|olá|ola)\b[^.!?]{0,40}[,!:]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Greeting();

    [GeneratedRegex(@"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))(?:\s+\p{Lu}[\p{L}'-]*){0,2}\s*[,!]\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LeadingGreeting();

    [GeneratedRegex(@"\b(?:by|before|no later than|deadline|due|until|till|latest|EOD|COB|end of|decide|decision)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex DeadlineWord();

    [GeneratedRegex(@"\b(?:otherwise|if not|if (?:we|you|they|it) (?:don't|do not|doesn't|does not|can't|cannot|miss)|or else|so that|so (?:we|you|they) (?:can|have|will)|in order to|which means|that means|this means|means (?:we|you|that)|(?:will|would|could) (?:miss|lose|slip|delay|expire|lapse|cost)|miss(?:ing)? (?:the|our|your)|lose|losing|slips?|slipping|risk|consequence|penalt\w*|expires?|expiring|runs? out|lapses?|price (?:increase|rise|goes up)|won't be able|will not be able|in time for|so there's time|have time to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Consequence();

    [GeneratedRegex(@"\b(?:call|meet|meeting|demo|session|walk ?through|catch[- ]?up|sync|workshop|kick-?off|next steps?|check-in|invite|calendar|talk|speak|chat|review (?:it )?together|(?:the|our|a) review|get together|teams|zoom)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex NextStepWord();

    [GeneratedRegex(@"(?:\?\s*$|\b(?:could you|can you|would you|will you|please|let me know|need you to|waiting (?:on|for) your|awaiting your|your (?:feedback|approval|signature|decision|thoughts|sign-off|go-ahead|confirmation)|sign (?:off|the)|approve|confirm|send (?:me|us|over|back)|get back to me)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Ask();

    [GeneratedRegex(@"\b(?:pick (?:this|it|things|that) (?:back )?up|pick up again|pick this back|revisit|circle back|come back to (?:this|it) (?:in|after|next|later)|reconnect|touch base (?:again )?(?:in|after)|push (?:this|it|things) (?:back|out)|put (?:this|it|things|everything) on hold|on hold|postpone\w*|not a priority|no longer a priority|deprioriti[sz]\w*|prioriti[sz]e (?:some )?other|after the holidays|in the new year|later this year|next (?:quarter|year)|budget freeze|spending freeze|cut back on spend\w*|not (?:the )?right time|timing isn't right)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Postponement();

    [GeneratedRegex(@"\b(?:we need to|we want to|we'd like to|we would like to|our goal|the goal is|we're aiming|we are aiming|we have to|we must|we plan to|we're planning to|we are planning to|we're hoping to|we hope to|so we have time to|we're looking to|we are looking to|we're keen to|we are keen to|make a decision)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Goal();

    [GeneratedRegex(@"\b(?:sav(?:e|es|ed|ing)|reduc(?:e|es|ed|ing|tion)|cut(?:s|ting)? (?:the |your |our )?\w*\s?(?:cost|time|spend|calls?|volumes?)|lower(?:ing)? (?:the |your |our )?\w+|(?:costs?|spend|time) (?:cut|reduced|down|lowered)|increas(?:e|es|ed|ing)|boost\w*|grow(?:th)?|faster|quicker|improv\w+|fewer|less time|more time|ROI|revenue|payback|(?:up|down|fell|dropped|rose|climbed|grew|went (?:up|down)) (?:from|by|to) \d+|\d+\s?% (?:more|less|fewer|faster)|fixed|avoid\w*|on time|efficien\w+|adoption (?:rose|grew|is up|went up|increased|doubled|climbed|reached|at \d))\b|\bunder \d+(?:\.\d+)?\s?%|\b(?:up|down) \d+(?:\.\d+)?\s?%", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Outcome();

    [GeneratedRegex(@"\b(?:(?:sent|send|review|sign|updated|revised|prepared|attached(?: (?:is|are))?|enclosed(?: (?:is|are))?|attaching|sharing|shared|here is|here's|here are|following up on|follow up on|checking in on|circling back on|following up about|checking in about|any thoughts on|feedback on|update on|regarding|about) )(?<topic>(?:the|our|your|my) [^.,;:!?\n]{3,60}?)(?=\s+(?:and\s+)?(?:I|we|that|which|as|for you|to you|last|yesterday|earlier|from|wanted|want|was|were|is|are|will|would|has|have|had|with)\b|[.,;:!?\n]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Topic();

    [GeneratedRegex(@"^(?:(?:re|fw|fwd|aw|wg|tr|rv|sv|vs|antw|doorst|rif|enc|r)\s*(?:\[\d+\])?\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex SubjectPrefix();

    [GeneratedRegex(@"^(?:automatic reply|auto(?:matic)? ?reply|auto|out of (?:the )?office|abwesenheitsnotiz|automatische antwort|réponse automatique|absence|respuesta automática|automatisch antwoord|risposta automatica|resposta automática|fuera de la oficina)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex AutoReplySubject();

    [GeneratedRegex(@"\b(?:out of (?:the )?office|this is an automatic reply|automatic reply|auto-?reply)\b[\s\S]{0,400}?\b(?:until|return|back (?:on|in)|limited access|urgent)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex AutoReplyBody();

    [GeneratedRegex(@"\b(?:C[EITFOMRP]O|CISO|Chief\b|President|Vice President|[SE]?VP\b|Director|Head of|Founder|Co-founder|Owner|Managing Partner|General Manager)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex SeniorTitle();

    private const string MentionedTitle =
        @"(?<title>(?i:C[EITFOMRP]O|CISO)|(?:S|E)?VP(?: of)?(?: \p{Lu}\w+){0,2}|(?i:(?:[a-z]+ ){0,2}(?:director|vice president|chief [a-z]+ officer)(?: of(?: \p{Lu}\w+){1,2})?)|(?i:head of(?: [a-z]+){1,2}))";

    private const string MentionedName = @"(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+)?(?<name>\p{Lu}\p{Ll}+(?: \p{Lu}[\p{Ll}'-]+){1,2})";

    [GeneratedRegex(MentionedName + @"\s*(?:,\s*(?:our|their|the|who is (?:our|their|the))\s+|\(\s*)" + MentionedTitle, RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex NameThenTitle();

    [GeneratedRegex(@"\b(?:our|their|the|your)\s+" + MentionedTitle + @"\s*,?\s+" + MentionedName, RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex TitleThenName();
}
