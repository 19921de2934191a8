using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Drafting;

/// <summary>
/// Checks that a draft written by a model claims nothing the thread does not: every date, amount,
/// name and promise in it must be found in the thread, its facts or the plan (the dates the play
/// asks for). A draft that fails is not used; the reason says what was invented, never the thread.
/// </summary>
public static partial class DraftGrounding
{
    private static readonly string[] Weekdays = CultureInfo.InvariantCulture.DateTimeFormat.DayNames.Select(d => d.ToLowerInvariant()).ToArray();
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Where(m => m.Length > 0).Select(m => m.ToLowerInvariant()).ToArray();

    /// <summary>Offers a salesperson must not make up: a model that writes them was steered or guessed.</summary>
    private static readonly string[] Promises =
    [
        "free of charge", "for free", "at no cost", "no charge", "no extra cost", "discount", "refund", "rebate", "credit note",
        "waive", "guarantee", "money back", "complimentary", "price match", "% off", "percent off", "extend your trial", "free month",
    ];

    /// <summary>Words a draft may capitalise mid-sentence without the thread naming them.</summary>
    private static readonly HashSet<string> CommonCapitalised = new(StringComparer.OrdinalIgnoreCase)
    {
        "I", "I'm", "I'll", "I've", "I'd", "OK", "Okay", "Teams", "Outlook", "CEO", "CIO", "CFO", "CTO", "COO", "QBR",
        "Q1", "Q2", "Q3", "Q4", "AM", "PM", "FAQ", "WIIFM", "UK", "US", "EU",
    };

    /// <summary>The first thing in <paramref name="subject"/> or <paramref name="body"/> the thread does not support, or null.</summary>
    public static string? FindInvention(string subject, string body, DraftPlan plan)
    {
        var known = KnownText(plan);
        var knownLower = known.ToLowerInvariant();
        var text = subject + "\n" + body;

        var allowedDays = AllowedDates(plan, known);
        foreach (Match date in DayAndMonth().Matches(text))
        {
            var day = int.Parse(date.Groups["day"].Success ? date.Groups["day"].Value : date.Groups["day2"].Value, CultureInfo.InvariantCulture);
            var month = MonthNumber(date.Groups["month"].Success ? date.Groups["month"].Value : date.Groups["month2"].Value);
            if (month > 0 && !allowedDays.Contains((month, day)))
            {
                return $"a date that is not in the thread ({date.Value.Trim()})";
            }
        }

        var withoutDates = DayAndMonth().Replace(text, " ");
        foreach (Match weekday in WeekdayWord().Matches(withoutDates))
        {
            var name = weekday.Value.ToLowerInvariant();
            if (!allowedDays.Any(d => Weekday(d, plan.Today) == name) && !ContainsWord(knownLower, name))
            {
                return $"a day that is not in the thread ({weekday.Value})";
            }
        }

        foreach (Match amount in Number().Matches(withoutDates))
        {
            var value = amount.Value.Trim();
            var digits = DigitsOnly().Replace(value, "");
            if (MeetingLength().IsMatch(withoutDates[amount.Index..Math.Min(withoutDates.Length, amount.Index + amount.Length + 9)]))
            {
                continue;
            }

            if (digits.Length > 0 && !knownLower.Contains(digits, StringComparison.Ordinal) && !ContainsNumber(known, value))
            {
                return $"a number that is not in the thread ({value})";
            }
        }

        foreach (var promise in Promises)
        {
            if (text.Contains(promise, StringComparison.OrdinalIgnoreCase) && !knownLower.Contains(promise, StringComparison.Ordinal))
            {
                return $"a promise that is not in the thread (\"{promise}\")";
            }
        }

        foreach (Match word in CapitalisedWord().Matches(text))
        {
            if (IsSentenceStart(text, word.Index) || CommonCapitalised.Contains(word.Value)
                || Weekdays.Contains(word.Value.ToLowerInvariant()) || Months.Contains(word.Value.ToLowerInvariant()))
            {
                continue;
            }

            var name = word.Value;
            var apostrophe = name.IndexOfAny(['\'', '\u2019']);
            name = apostrophe > 0 ? name[..apostrophe] : name;
            if (!ContainsWord(knownLower, name.ToLowerInvariant()))
            {
                return $"a name that is not in the thread ({name})";
            }
        }

        return null;
    }

    /// <summary>Everything a draft may draw on: each message's new text, the subject, the names, the facts and the plan's dates.</summary>
    private static string KnownText(DraftPlan plan)
    {
        var known = new StringBuilder();
        known.Append(plan.Analysis.Subject).Append('\n');
        foreach (var message in plan.Analysis.Messages)
        {
            known.Append(message.FromName).Append('\n').Append(message.NewText).Append('\n');
        }

        foreach (var participant in plan.Analysis.Participants)
        {
            known.Append(participant.Name).Append(' ').Append(participant.Organisation).Append(' ').Append(participant.Title).Append('\n');
        }

        var facts = plan.Facts;
        known.AppendJoin('\n', new[] { facts.Company, facts.Topic, facts.LastAsk, facts.Goal, facts.GoalClause, facts.DeadlineText, facts.PostponementText, plan.Deadline() }.OfType<string>());
        known.Append('\n').AppendJoin('\n', facts.Outcomes);
        known.Append('\n').Append(plan.UserName).Append(' ').Append(plan.UserFirstName).Append(' ').Append(plan.ToFirstName).Append(' ').Append(plan.MainContactFirstName);
        known.Append('\n').Append(plan.To.Name).Append(' ').AppendJoin(' ', plan.Cc.Select(c => c.Name));
        known.Append('\n').Append(facts.DaysSilent?.ToString(CultureInfo.InvariantCulture));
        known.Append('\n').Append(plan.Analysis.Facts.ContactName).Append(' ').Append(plan.Analysis.Facts.Company);
        return known.ToString();
    }

    private static HashSet<(int Month, int Day)> AllowedDates(DraftPlan plan, string known)
    {
        var dates = new HashSet<(int, int)>();
        void Add(DateOnly? date)
        {
            if (date is { } d)
            {
                dates.Add((d.Month, d.Day));
            }
        }

        Add(plan.Today);
        Add(plan.AskBy);
        Add(plan.MeetOn);
        Add(DraftDates.AddBusinessDays(plan.Today, 1));
        Add(plan.Facts.DeadlineDate);
        Add(plan.Facts.PostponementDate);
        Add(plan.Analysis.Facts.Deadline?.Date);
        Add(plan.Analysis.Facts.NextStep?.Date);
        Add(plan.Analysis.Facts.Postponement?.Date);
        foreach (Match date in DayAndMonth().Matches(known))
        {
            var day = int.Parse(date.Groups["day"].Success ? date.Groups["day"].Value : date.Groups["day2"].Value, CultureInfo.InvariantCulture);
            var month = MonthNumber(date.Groups["month"].Success ? date.Groups["month"].Value : date.Groups["month2"].Value);
            if (month > 0)
            {
                dates.Add((month, day));
            }
        }

        return dates;
    }

    private static string Weekday((int Month, int Day) date, DateOnly today)
    {
        // The date lies within the next year or so: the first such day from a month ago on.
        var year = today.Year;
        if (date.Day > DateTime.DaysInMonth(year, date.Month))
        {
            return "";
        }

        var candidate = new DateOnly(year, date.Month, date.Day);
        if (candidate < today.AddMonths(-1) && date.Day <= DateTime.DaysInMonth(year + 1, date.Month))
        {
            candidate = new DateOnly(year + 1, date.Month, date.Day);
        }

        return candidate.DayOfWeek.ToString().ToLowerInvariant();
    }

    private static int MonthNumber(string name)
    {
        var lower = name.ToLowerInvariant();
        for (var k = 0; k < Months.Length; k++)
        {
            if (Months[k].StartsWith(lower[..Math.Min(3, lower.Length)], StringComparison.Ordinal))
            {
                return k + 1;
            }
        }

        return 0;
    }

    private static bool ContainsWord(string lower, string word)
    {
        var index = 0;
        while ((index = lower.IndexOf(word, index, StringComparison.Ordinal)) >= 0)
        {
            var before = index == 0 || !char.IsLetterOrDigit(lower[index - 1]);
            var end = index + word.Length;
            // "Sam" is known from "Sam's" and "Patels" from "Patel" is not: a name is its whole word, or its possessive.
            var after = end >= lower.Length || !char.IsLetterOrDigit(lower[end]);
            if (before && after)
            {
                return true;
            }

            index = end;
        }

        return false;
    }

    /// <summary>"20%" and "20 percent", "£12,000" and "12000" are the same number.</summary>
    private static bool ContainsNumber(string known, string value)
    {
        var digits = DigitsOnly().Replace(value, "");
        return Number().Matches(known).Any(m => DigitsOnly().Replace(m.Value, "") == digits);
    }

    private static bool IsSentenceStart(string text, int index)
    {
        var k = index - 1;
        while (k >= 0 && text[k] is ' ' or '\t' or '"' or '\u201C' or '(' or '*')
        {
            k--;
        }

        if (k < 0)
        {
            return true;
        }

        // A bullet's first word and a sentence's first word may be capitalised for grammar alone.
        return text[k] is '.' or '!' or '?' or '\n' or ':' or '-' or '\u2022';
    }

    [GeneratedRegex(@"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?(?<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\b(?<month2>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+(?<day2>\d{1,2})(?:st|nd|rd|th)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DayAndMonth();

    [GeneratedRegex(@"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WeekdayWord();

    [GeneratedRegex(@"[£$€]\s?\d[\d,.]*\d?(?:\s?(?:k|m|bn)\b)?|\b\d[\d,.]*\d?\s?%?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Number();

    [GeneratedRegex(@"[^\d]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DigitsOnly();

    [GeneratedRegex(@"^\d{1,2}\s?(?:-?\s?min(?:ute)?s?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MeetingLength();

    // Words with a capital inside a sentence: names of people, companies and products (and acronyms).
    [GeneratedRegex(@"\b[A-Z][A-Za-z]*(?:['\u2019][a-z]+)?\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CapitalisedWord();
}
