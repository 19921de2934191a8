using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.People;

namespace GhostAssist.Api.Drafting;

public sealed record DraftRecipient(string Address, string? Name);

/// <summary>
/// Everything a composer needs, decided once before composing: the play, who it goes to, the
/// dates it names and the facts it may quote. Both composers draft from the same plan, so the
/// language model can never pick other recipients or dates than the built-in composer would.
/// </summary>
public sealed record DraftPlan(
    ThreadAnalysis Analysis,
    FollowUpKind Kind,
    string Tone,
    DraftRecipient To,
    string? ToFirstName,
    IReadOnlyList<DraftRecipient> Cc,
    /// <summary>The main contact, when the draft goes to someone else (multi-thread).</summary>
    string? MainContactFirstName,
    string UserFirstName,
    string UserName,
    DateOnly Today,
    /// <summary>The date of the draft's ask ("by Thursday 3 December").</summary>
    DateOnly AskBy,
    /// <summary>The meeting date for an invite note, a recap's "we will" or a restart.</summary>
    DateOnly MeetOn,
    GroundedFacts Facts,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The step the thread asks of them (action note, invite): what, by when, what happens otherwise.</summary>
    public DraftStep? Step { get; init; }

    /// <summary>For a recap: what we owe them, in the thread's words.</summary>
    public DraftStep? OurPart { get; init; }

    /// <summary>For a recap: what they owe us, in the thread's words.</summary>
    public DraftStep? TheirPart { get; init; }

    public string Date(DateOnly date) => DraftDates.Format(date, Today);

    /// <summary>Their deadline as the draft names it, only while it is ahead: "Friday 29 January", or "January" when they named only the month.</summary>
    public string? Deadline() => DeadlineDay() is { } day
        ? Facts.DeadlineIsMonth
            ? (day.Day == 1 ? "" : "the end of ") + day.ToString(day.Year == Today.Year ? "MMMM" : "MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)
            : Date(day)
        : null;

    /// <summary>Their deadline's day while it is ahead: "by January" is its start; "in November" runs to the end of November.</summary>
    public DateOnly? DeadlineDay()
    {
        if (Facts.DeadlineDate is not { } date)
        {
            return null;
        }

        if (Facts.DeadlineIsMonth)
        {
            var monthName = date.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture);
            var sentence = Analysis.Facts.Deadline?.Text ?? "";
            if (sentence.Contains("in " + monthName, StringComparison.OrdinalIgnoreCase) || sentence.Contains("during " + monthName, StringComparison.OrdinalIgnoreCase))
            {
                date = new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));
            }
        }

        return date > Today ? date : null;
    }
}

/// <summary>Thread facts cleaned for quoting: short, single-line, nothing pushy, or absent.</summary>
public sealed record GroundedFacts(
    string? Company,
    string? Topic,
    string? LastAsk,
    string? Goal,
    string? DeadlineText,
    DateOnly? DeadlineDate,
    string? PostponementText,
    DateOnly? PostponementDate,
    IReadOnlyList<string> Outcomes,
    int? DaysSilent,
    /// <summary>They named a month ("by January"), which resolves to its 1st: not a day to quote back.</summary>
    bool DeadlineIsMonth = false,
    /// <summary>Their goal as a clause that reads after "to", in the second person ("decide this month so you have time to migrate").</summary>
    string? GoalClause = null);

public static partial class DraftPlanner
{
    private static readonly string[] Banned =
    [
        "just checking in", "per my last email", "following up again", "just following up", "check in", "checking in",
        "wanted to", "heard back", "haven't heard", "have not heard",
    ];

    /// <summary>Decides whether the play applies to the thread and fills the plan; 400/422 problems otherwise.</summary>
    public static DraftPlan Plan(ThreadAnalysis analysis, FollowUpKind kind, string tone, string? recipient, string userName, DateTimeOffset now)
    {
        var warnings = new List<string>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var theirs = analysis.Participants.Where(p => p.Side == "theirs").ToList();
        var main = theirs.FirstOrDefault(p => p.IsMainContact)
            ?? theirs.FirstOrDefault(p => string.Equals(p.Address, analysis.Facts.ContactAddress, StringComparison.OrdinalIgnoreCase))
            ?? theirs.OrderByDescending(p => p.MessagesSent).ThenByDescending(p => p.TimesCopied).FirstOrDefault();
        DraftRecipient? mainRecipient = main is not null
            ? new(main.Address, main.Name ?? analysis.Facts.ContactName)
            : analysis.Facts.ContactAddress is { Length: > 0 } address ? new(address, analysis.Facts.ContactName) : null;

        DraftRecipient? chosen = null;
        string? chosenFirstName = null;
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            chosen = ResolveRecipient(analysis, recipient.Trim(), warnings);
            var participant = analysis.Participants.FirstOrDefault(p => string.Equals(p.Address, chosen.Address, StringComparison.OrdinalIgnoreCase));
            chosenFirstName = PersonNames.FirstName(participant?.Name, chosen.Address);
        }

        CheckApplies(analysis, kind, chosen is not null, warnings);

        DraftRecipient to;
        string? toFirstName;
        var cc = new List<DraftRecipient>();
        string? mainFirstName = null;
        if (kind.Id == FollowUpKinds.MultiThread)
        {
            if (mainRecipient is null)
            {
                throw ApiProblemException.Unprocessable("A multi-thread note goes to a second stakeholder with your main contact in copy, but this thread has no contact on the other side.", KindExtension(kind));
            }

            if (chosen is not null)
            {
                if (string.Equals(chosen.Address, mainRecipient.Address, StringComparison.OrdinalIgnoreCase))
                {
                    throw ApiProblemException.Unprocessable("A multi-thread note goes to a second stakeholder, not to the main contact: choose someone else as the recipient, or another play.", KindExtension(kind));
                }

                to = chosen;
                toFirstName = chosenFirstName;
            }
            else
            {
                var senior = PlayApplicability.SecondStakeholder(analysis);
                if (senior is null)
                {
                    throw ApiProblemException.Unprocessable(
                        "This thread has no second stakeholder to reach: only the main contact appears on their side. Give a recipient (for example the person who signs off), or choose another play.",
                        KindExtension(kind));
                }

                to = new DraftRecipient(senior.Address, senior.Name);
                toFirstName = PersonNames.FirstName(senior.Name, senior.Address);
            }

            cc.Add(mainRecipient);
            mainFirstName = PersonNames.FirstName(analysis.Facts.ContactFirstName) ?? PersonNames.FirstName(mainRecipient.Name, mainRecipient.Address);
        }
        else
        {
            to = chosen ?? mainRecipient ?? throw ApiProblemException.Unprocessable(
                "This thread has no one on the other side to write to. Give a recipient address.", KindExtension(kind));
            toFirstName = chosen is not null ? chosenFirstName : PersonNames.FirstName(analysis.Facts.ContactFirstName) ?? PersonNames.FirstName(to.Name, to.Address);
        }

        var facts = Ground(analysis.Facts, analysis.DaysSilent);

        // Drafts are written in English; the grounding checks read English (a German answer capitalises every noun).
        if (analysis.Facts.TheirLanguage is { Code: not "en" } language)
        {
            warnings.Add($"Their last message is in {language.Name}; this draft is in English. Check it reads well for them, or answer in {language.Name}.");
        }
        var askBy = DraftDates.AddBusinessDays(today, 3);
        if (kind.Id == FollowUpKinds.ActionConsequence && facts.DeadlineDate is { } deadline && deadline > today && deadline < askBy)
        {
            askBy = DraftDates.OnOrAfterBusinessDay(deadline);
        }

        // The thread's own date for the open ask is the date the draft asks for, not one of ours.
        var step = kind.Id is FollowUpKinds.ActionConsequence or FollowUpKinds.CalendarInvite ? DraftClauses.ActionStep(analysis) : null;
        if (kind.Id == FollowUpKinds.ActionConsequence && (step?.Due ?? DraftClauses.Before(analysis.Facts.OpenAsk?.Due, analysis.Facts.OpenAsk?.DuePhrase, analysis.Facts.OpenAsk?.Quote)) is { } due && due > today)
        {
            // The thread's own date is never pushed later: a weekend date is asked for by the Friday before, if that is still ahead.
            askBy = DraftDates.OnOrBeforeBusinessDay(due) is var before && before > today ? before : DraftDates.OnOrAfterBusinessDay(due);
        }

        var meetOn = kind.Id switch
        {
            FollowUpKinds.CalendarInvite => DraftDates.AddBusinessDays(today, 2),
            FollowUpKinds.MicroCommitmentRecap => DraftDates.AddBusinessDays(today, 5),
            FollowUpKinds.ReEngage => RestartDate(facts.PostponementDate, today),
            _ => DraftDates.AddBusinessDays(today, 4),
        };
        if (kind.Id == FollowUpKinds.CalendarInvite)
        {
            askBy = DraftDates.AddBusinessDays(today, 1);
        }

        var recap = kind.Id == FollowUpKinds.MicroCommitmentRecap;
        var userFirst = analysis.Facts.UserFirstName ?? PersonNames.FirstName(userName) ?? userName;
        var userFull = analysis.Facts.UserName ?? userName;
        return new DraftPlan(analysis, kind, tone, to, toFirstName, cc, mainFirstName, userFirst, userFull, today, askBy, meetOn, facts, warnings) {
            Step = step,
            OurPart = recap ? DraftClauses.Owed(analysis, CommitmentValues.Us) : null,
            TheirPart = recap ? DraftClauses.Owed(analysis, CommitmentValues.Them) : null,
        };
    }

    private static DateOnly RestartDate(DateOnly? postponement, DateOnly today)
    {
        if (postponement is { } date && date > today)
        {
            // A month named alone ("January") resolves to its 1st, often a holiday: start the first Monday after it.
            if (date.Day == 1)
            {
                do
                {
                    date = date.AddDays(1);
                }
                while (date.DayOfWeek != DayOfWeek.Monday);
            }

            return DraftDates.OnOrAfterBusinessDay(date);
        }

        return DraftDates.AddBusinessDays(today, 10);
    }

    /// <summary>Applicability is decided by the one rule book the recommender also uses; drafting only adds notes.</summary>
    private static void CheckApplies(ThreadAnalysis analysis, FollowUpKind kind, bool hasRecipient, List<string> warnings)
    {
        var check = PlayApplicability.Check(analysis, kind.Id, hasRecipient);
        if (!check.Applies)
        {
            throw ApiProblemException.Unprocessable(check.Why ?? "This play does not fit the thread.", KindExtension(kind));
        }

        if (kind.Id == FollowUpKinds.MicroCommitmentRecap && analysis.Facts.NextStep is not null && analysis.Signals.All(s => s.Code != SignalCodes.NoMutualNextStep))
        {
            warnings.Add("The thread already has a dated next step; the recap restates it with dates for each side.");
        }
    }

    private static DraftRecipient ResolveRecipient(ThreadAnalysis analysis, string recipient, List<string> warnings)
    {
        if (EmailAddresses.Normalize(recipient) is not { } address)
        {
            throw ApiProblemException.BadRequest($"The recipient \"{Shorten(recipient)}\" is not an email address.");
        }

        if (string.Equals(address, analysis.Me, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiProblemException.Unprocessable("The recipient is you: a follow-up goes to someone on the other side of the thread.");
        }

        var participant = analysis.Participants.FirstOrDefault(p => string.Equals(p.Address, address, StringComparison.OrdinalIgnoreCase));
        if (participant is null)
        {
            warnings.Add("The recipient does not appear in this thread.");
            return new DraftRecipient(address, null);
        }

        if (participant.Side == "ours")
        {
            throw ApiProblemException.Unprocessable("The recipient is on your own side of the thread: a follow-up goes to someone on the other side.");
        }

        return new DraftRecipient(participant.Address, participant.Name);
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    internal static Dictionary<string, object?> KindExtension(FollowUpKind kind) => new() { ["kind"] = kind.Id };

    private static GroundedFacts Ground(ThreadFacts facts, int? daysSilent)
    {
        var outcomes = facts.Outcomes.SelectMany(SplitOutcome).Select(o => Clean(o, 14)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
        var topic = CleanTopic(facts.LastTopic);
        return new GroundedFacts(
            CompanyAsWritten(Clean(facts.Company, 4), topic),
            topic,
            Clean(facts.LastAsk, 18),
            Clean(facts.StatedGoal, 16),
            Clean(facts.Deadline?.Phrase ?? facts.Deadline?.Text, 6),
            facts.Deadline?.Date,
            Clean(facts.Postponement?.Phrase ?? facts.Postponement?.Text, 6),
            facts.Postponement?.Date,
            outcomes,
            daysSilent,
            facts.Deadline is { Date.Day: 1 } deadline && !(deadline.Phrase ?? deadline.Text).Any(char.IsDigit),
            GoalClause(Clean(facts.StatedGoal, 16)));
    }

    /// <summary>
    /// A stated goal is their own sentence ("We really need to make a decision in November"); quoted back inside a
    /// sentence it reads stiffly. Its clause after the goal cue reads naturally after "to", with their "we/our"
    /// turned to "you/your". A goal whose shape is not recognised is left out rather than quoted.
    /// </summary>
    internal static string? GoalClause(string? goal)
    {
        if (goal is null)
        {
            return null;
        }

        var match = GoalLead().Match(goal.Replace('\u2019', '\''));
        if (!match.Success)
        {
            return null;
        }

        var clause = Pronouns().Replace(match.Groups["clause"].Value.Trim(), m => m.Value.ToLowerInvariant() switch
        {
            "we" or "us" or "i" or "me" => "you",
            "our" or "my" => "your",
            "ours" or "mine" => "yours",
            "we're" => "you're",
            "we've" => "you've",
            "we'll" => "you'll",
            var other => other,
        });
        return DraftCoach.CountWords(clause) is >= 2 and <= 14 ? clause : null;
    }

    /// <summary>
    /// "Your agents answered 31% more chats per hour and customer satisfaction rose from 4.1 to 4.5" is two outcomes: a
    /// long one joined by "and" is split where both halves hold a figure, so each reads as its own bullet.
    /// </summary>
    internal static IEnumerable<string> SplitOutcome(string outcome)
    {
        if (DraftCoach.CountWords(outcome) > 12)
        {
            var parts = outcome.Split(" and ", 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts.All(p => p.Any(char.IsDigit) && DraftCoach.CountWords(p) >= 3))
            {
                return parts;
            }
        }

        return [outcome];
    }

    /// <summary>An outcome that starts with a verb ("cut call volumes by a fifth") reads as an aim; a noun phrase does not.</summary>
    internal static string? OutcomeAsAim(string outcome) => BareAim().IsMatch(outcome) ? GoalClause(outcome) : null;

    [GeneratedRegex(@"^(?:decide|make|cut|reduce|start|launch|go|get|move|finish|complete|migrate|switch|roll|save|hit|reach|sign|improve|replace|consolidate|have)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BareAim();

    [GeneratedRegex(@"^(?:so\s+)?(?:(?:we|i)(?:'d|'re|\s+are|\s+would|\s+really|\s+just|\s+all)*\s+(?:really\s+)?(?:need|want|like|have|plan|planning|hope|hoping|aim|aiming|looking|keen)\s+to|(?:we|i)\s+must|(?:our|my|the)\s+(?:main\s+|big\s+|key\s+|real\s+)?(?:goal|aim|target|priority|objective)\s+(?:is|was)\s+to|(?:(?:we|i)\s+(?:have|need)\s+)?to)\s+(?<clause>.+)$|^(?<clause>(?:decide|make|cut|reduce|start|launch|go|get|move|finish|complete|migrate|switch|roll|save|hit|reach|sign|improve|replace|consolidate|have)\b.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GoalLead();

    [GeneratedRegex(@"\b(?:we're|we've|we'll|we|us|our|ours|i|me|my|mine)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pronouns();

    /// <summary>
    /// A company name taken from a mail domain ("Orbitalpay") reads as the thread writes it when the topic spells it
    /// out in capitalised words ("the Orbital Pay rollout plan"); otherwise it stays as it is.
    /// </summary>
    internal static string? CompanyAsWritten(string? company, string? topic)
    {
        if (company is null || topic is null || company.Contains(' '))
        {
            return company;
        }

        var words = topic.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var start = 0; start < words.Length; start++)
        {
            var joined = "";
            for (var end = start; end < words.Length && words[end].Length > 0 && char.IsUpper(words[end][0]); end++)
            {
                joined += words[end];
                if (end > start && string.Equals(joined, company, StringComparison.OrdinalIgnoreCase))
                {
                    return string.Join(' ', words[start..(end + 1)]);
                }
            }
        }

        return company;
    }

    /// <summary>A topic reads inside a sentence ("keep {topic} moving"): a short phrase, not a subject line.</summary>
    internal static string? CleanTopic(string? value)
    {
        var topic = Clean(value, 8);
        if (topic is null || topic.IndexOfAny([':', '/', '|', '[', ']']) >= 0 || topic.StartsWith("re ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return topic;
    }

    /// <summary>A fact worth quoting: one line, short enough to read, nothing pushy; otherwise left out.</summary>
    internal static string? Clean(string? value, int maxWords)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (text.Length > 1 && text[0] is '"' or '\u201C' && text[^1] is '"' or '\u201D')
        {
            text = text[1..^1].Trim();
        }

        text = text.TrimEnd('.', ',', ';', ':').Trim();
        if (text.Length == 0 || DraftCoach.CountWords(text) > maxWords || text.Contains('?'))
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        return Banned.Any(lower.Contains) ? null : text;
    }
}
