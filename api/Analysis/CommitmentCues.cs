using System.Buffers;
using System.Text.RegularExpressions;

namespace GhostAssist.Api.Analysis;

/// <summary>The wording cues of the commitments model: promises, stated consequences, nudges and deliverables.</summary>
internal static partial class TextCues
{
    private static readonly SearchValues<string> PromiseWords = SearchValues.Create(
        ["i'll", "i will", "we'll", "we will", "i shall", "we shall", "going to", "i'm planning", "we're planning", "i plan to", "we plan to", "i aim", "we aim",
         "i\u2019ll", "we\u2019ll", "will send", "will confirm", "will get back"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> NudgeWords = SearchValues.Create(
        ["any news", "any update", "following up", "follow up", "follow-up", "checking in", "check in", "circling back", "circle back", "reminder", "remind",
         "bump", "touching base", "touch base", "did you get a chance", "did you have a chance", "haven't heard", "have not heard", "still interested",
         "nudge", "chasing", "any thoughts", "any feedback", "get a chance"], StringComparison.OrdinalIgnoreCase);

    /// <summary>"I will confirm the site contacts by Thursday", "we'll send it over next week": the writer takes something on.</summary>
    public static bool IsPromise(string sentence) =>
        !sentence.TrimEnd().EndsWith('?') && sentence.AsSpan().IndexOfAny(PromiseWords) >= 0 && Promise().IsMatch(sentence);

    /// <summary>A message that is itself a chase ("any news from the internal review?", "a reminder that the approval is needed").</summary>
    public static bool IsNudge(string text) => text.AsSpan().IndexOfAny(NudgeWords) >= 0 && Nudge().IsMatch(text);

    /// <summary>What happens if the action is done or not, said as a condition or a purpose ("otherwise", "to keep your reporting running").</summary>
    public static Match StatedConsequence(string sentence) => sentence.AsSpan().IndexOfAny(ConsequenceWords) >= 0 || sentence.Contains("to keep", StringComparison.OrdinalIgnoreCase) || sentence.Contains("to avoid", StringComparison.OrdinalIgnoreCase)
        ? ConditionalConsequence().Match(sentence)
        : Match.Empty;

    /// <summary>
    /// "I'm keen to keep your decision on track", "we'd love to make sure…": the writer's own wish before a purpose
    /// clause is their motivation, not what happens to the reader if the action waits.
    /// </summary>
    public static bool IsOwnWish(string before) => OwnWish().IsMatch(before);

    /// <summary>An ask stated rather than asked: "your team needs to approve …", "the approval is needed by the 30th".</summary>
    public static bool IsStatedAsk(string sentence) => StatedAsk().IsMatch(sentence);

    /// <summary>Where a stated ask says what is needed ("your admins need to switch on…"): the clause the action is read from.</summary>
    public static Match StatedAskCue(string sentence) => StatedAsk().Match(sentence);

    /// <summary>"Monday works for me", "see you then", "accepted": a yes to a proposed time.</summary>
    public static bool IsAcceptance(string sentence) => Acceptance().IsMatch(sentence);

    [GeneratedRegex(@"^\W*(?:I|we)(?:'m|\u2019m|'re|\u2019re|'d|\u2019d|\s+am|\s+are|\s+would|\s+really|\s+just|\s+also)*\s+(?:keen|eager|hoping|hope|want|wanted|like|love|glad|happy|excited)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OwnWish();

    [GeneratedRegex(@"\b(?:works (?:for|well for) (?:me|us)|(?:that|this|it|\w+day) works|see you (?:then|there|on)|sounds good|accepted|confirmed|booked|perfect|that's fine|happy with that|passt)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Acceptance();

    [GeneratedRegex(@"(?:^|\b)(?:I|we)\s*(?:'ll|\u2019ll|\s+will|\s+shall|'m going to|\u2019m going to|\s+am going to|\s+are going to|'re going to|\u2019re going to|'m planning to|'re planning to|\s+plan to|\s+aim to|\s+promise to)\s+(?!be\b|assume\b|guess\b|take it\b|admit\b|say\b|leave it\b)(?<action>[^.!?]{3,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Promise();

    [GeneratedRegex(@"\b(?:any (?:news|update|updates|progress|word|thoughts|feedback)|following up|follow(?:ing)?[- ]up on|checking in|check in on|circling back|circle back|(?:a |quick |gentle |friendly )?reminder|reminding|bump(?:ing)? (?:this|it)|touching base|touch base|did you (?:get|have) a chance|had a chance|haven't heard|have not heard|still interested|nudg\w*|chasing)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Nudge();

    [GeneratedRegex(@"\b(?:otherwise|if not|if (?:we|you|they|it|this|that|your \w+) (?:don't|do not|doesn't|does not|can't|cannot|miss|misses|slips?|isn't|is not|aren't|are not|haven't|have not)|or else|so that|so (?:we|you|they|your \w+|the \w+) (?:can|could|have|will|keep|don't|won't|get)|in order to|to keep|to avoid|to make sure|to stay|which means|that means|this means|(?:will|would|could|may|might) (?:miss|lose|slip|delay|expire|lapse|cost|stop|break|fail|be lost|go up|increase)|won't be able|will not be able|in time for|so there's time|have time to|penalt\w*|price (?:increase|rise|goes up))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ConditionalConsequence();

    [GeneratedRegex(@"\b(?:(?:you|your \w+(?: \w+)?|the team) (?:needs?|will need|has|have|must) to (?<action>\w+)|(?<action>approval|signature|sign-off|go-ahead|decision|confirmation|feedback|answer) (?:is|are) (?:needed|required|due)|needs? (?:your|an?) (?<action>approval|signature|sign-off|decision|answer)|(?:we|I) (?:need|still need) (?:your|the|an?) (?:[\w-]+ ){0,3}?(?<action>[\w-]+) (?:by|before))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StatedAsk();

    [GeneratedRegex(@"\b(?:let's|let\u2019s|shall we|could we|can we|should we|see you|booked|scheduled|sent (?:you )?(?:the |an )?invit\w*|works for (?:me|us|you)|that works|confirmed|we'll meet|we will meet|looking forward to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex MutualWording();

    [GeneratedRegex(@"\b(?:attached|attaching|enclosed|here (?:is|are)|here's|i've sent|we've sent|i have sent|we have sent|sent (?:you|over)|sending|sharing|shared|as promised|i've put together|please find)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex SendsSomething();

    [GeneratedRegex(@"\b(?<kind>proposal|options|pricing|price list|quote|quotation|report|contract|order form|summary|recap|deck|business case|roi (?:analysis|model)|statement of work|sow|plan|results|findings|case study)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    public static partial Regex Deliverable();
}
