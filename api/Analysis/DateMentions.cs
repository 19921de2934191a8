using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GhostAssist.Api.Analysis;

/// <summary>A date phrase in a sentence and the day it means, resolved against the message's sent time.</summary>
internal sealed record ResolvedDate(string Phrase, DateOnly Date);

/// <summary>
/// Resolves the date phrases people write in mail ("next Tuesday", "EOD Friday", "end of the month",
/// "in two weeks", "by January", "Q1", "Q3 FY26", "FY2027", "H2", "end of Q1", "March 5", "2025-03-05",
/// "5/3") against the day the message was sent, since "Friday" means a different day in every message
/// of a thread. Mail is untrusted text: every number is read with TryParse, and a phrase that names no
/// real day is skipped, never thrown on.
/// </summary>
internal static partial class DateMentions
{
    private static readonly string[] Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>The dates a sentence names, in the order they appear.</summary>
    public static List<ResolvedDate> Find(string sentence, DateOnly reference)
    {
        var found = new List<(int Index, ResolvedDate Date)>();
        var taken = new List<(int Start, int End)>();

        void Take(Match match, DateOnly? date)
        {
            if (date is null || taken.Any(t => match.Index < t.End && t.Start < match.Index + match.Length))
            {
                return;
            }

            taken.Add((match.Index, match.Index + match.Length));
            found.Add((match.Index, new ResolvedDate(match.Value.Trim(), date.Value)));
        }

        // Most sentences name no date: cheap vectorised checks decide which patterns are worth running.
        var span = sentence.AsSpan();
        var hasDigit = span.IndexOfAnyInRange('0', '9') >= 0;
        if (!hasDigit && span.IndexOfAny(DateWords) < 0)
        {
            return [];
        }

        if (hasDigit)
        {
            foreach (Match m in IsoDate().Matches(sentence))
            {
                Take(m, Number(m.Groups["y"]) is int y && Number(m.Groups["m"]) is int mo && Number(m.Groups["d"]) is int d ? SafeDate(y, mo, d) : null);
            }

            foreach (Match m in NumericDate().Matches(sentence))
            {
                Take(m, Numeric(m, reference));
            }
        }

        foreach (var m in span.IndexOfAny(MonthWords) >= 0 ? MonthDay().Matches(sentence) : Empty)
        {
            Take(m, MonthPhrase(m, reference));
        }

        // Fiscal periods: "Q3 FY26", "FY2027", "H2", "end of Q1", "FY27 Q2". Read before the numeric dates' neighbours.
        if (hasDigit && (span.Contains('Q') || span.Contains('H') || span.Contains("FY", StringComparison.Ordinal)))
        {
            // The longest reading wins: "FY26 Q3" before "Q3", "Q3 FY26" before "FY26".
            var yearFirst = FiscalYearFirst().Matches(sentence);
            foreach (Match m in yearFirst.Where(m => m.Groups["q"].Success || m.Groups["h"].Success))
            {
                Take(m, PeriodPhrase(m, reference));
            }

            foreach (Match m in PeriodThenYear().Matches(sentence))
            {
                Take(m, PeriodPhrase(m, reference));
            }

            foreach (Match m in yearFirst.Where(m => !m.Groups["q"].Success && !m.Groups["h"].Success))
            {
                Take(m, PeriodPhrase(m, reference));
            }
        }

        foreach (var m in span.IndexOfAny(EndWords) >= 0 ? EndOf().Matches(sentence) : Empty)
        {
            Take(m, EndOfPhrase(m, reference));
        }

        foreach (var m in span.Contains("in ", StringComparison.OrdinalIgnoreCase) && span.IndexOfAny(UnitWords) >= 0 ? Relative().Matches(sentence) : Empty)
        {
            Take(m, RelativePhrase(m, reference));
        }

        foreach (var m in span.Contains("next", StringComparison.OrdinalIgnoreCase) ? NextUnit().Matches(sentence) : Empty)
        {
            Take(m, NextUnitPhrase(m.Groups["unit"].Value.ToLowerInvariant(), reference));
        }

        foreach (var m in (span.IndexOfAny(WeekdayWords) >= 0 || span.IndexOfAny(WeekdayAbbreviations) >= 0) ? Weekday().Matches(sentence) : Empty)
        {
            // "Saturday 5 December" is one date, already read as 5 December: its weekday is not a second, nearer one.
            var after = m.Index + m.Length;
            while (after < sentence.Length && sentence[after] is ' ' or ',')
            {
                after++;
            }

            if (taken.Any(t => t.Start == after))
            {
                continue;
            }

            Take(m, WeekdayPhrase(m, reference));
        }

        foreach (var m in span.Contains("this ", StringComparison.OrdinalIgnoreCase) ? ThisUnit().Matches(sentence) : Empty)
        {
            // "We need to decide this month": by the end of it.
            Take(m, EndOfPhraseFor(m.Groups["unit"].Value.ToLowerInvariant(), next: false, reference));
        }

        foreach (var m in hasDigit && span.Contains("the ", StringComparison.OrdinalIgnoreCase) ? DayOfMonth().Matches(sentence) : Empty)
        {
            Take(m, Number(m.Groups["d"]) is int day ? NextDayOfMonth(day, reference) : null);
        }

        foreach (var m in span.IndexOfAny(NearWords) >= 0 ? TodayTomorrow().Matches(sentence) : Empty)
        {
            var word = m.Groups["w"].Value.ToLowerInvariant();
            Take(m, word == "tomorrow" ? reference.AddDays(1) : reference);
        }

        return found.OrderBy(f => f.Index).Select(f => f.Date).ToList();
    }

    private static readonly IEnumerable<Match> Empty = [];

    // Month names are matched capitalised only ("may" is a verb), so the check is case-sensitive too.
    private static readonly SearchValues<string> MonthWords = SearchValues.Create(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], StringComparison.Ordinal);

    private static readonly SearchValues<string> WeekdayWords = SearchValues.Create(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> WeekdayAbbreviations = SearchValues.Create(["Mon", "Tue", "Wed", "Thu", "Fri"], StringComparison.Ordinal);

    private static readonly SearchValues<string> UnitWords = SearchValues.Create(["day", "week", "month"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> EndWords = SearchValues.Create(["end of", "EOD", "COB", "close of"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> NearWords = SearchValues.Create(["today", "tomorrow", "tonight"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> DateWords = SearchValues.Create(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
         "end of", "EOD", "COB", "close of", "today", "tomorrow", "tonight", "next", "day", "week", "month", "quarter", "year"], StringComparison.OrdinalIgnoreCase);

    private static DateOnly? SafeDate(int year, int month, int day)
    {
        if (year < 1900 || year > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day);
    }

    /// <summary>The number a matched group holds, or null: a pattern's digits are still someone else's text.</summary>
    private static int? Number(Group group) =>
        group.Success && int.TryParse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>"2026", "26", "'26", "FY26", "FY 2026", "FY'26": the calendar year meant, or null when it is none.</summary>
    private static int? Year(Group group, int fallback)
    {
        if (!group.Success)
        {
            return fallback;
        }

        var value = group.ValueSpan.Trim();
        if (value.StartsWith("FY", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..].TrimStart();
        }

        value = value.TrimStart("'\u2019".AsSpan());
        if (value.Length is not (2 or 4) || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        return year < 100 ? 2000 + year : year;
    }

    private static DateOnly? Numeric(Match m, DateOnly reference)
    {
        if (Number(m.Groups["a"]) is not int a || Number(m.Groups["b"]) is not int b)
        {
            return null;
        }

        var dotted = m.Value.Contains('.');
        if (dotted && !m.Groups["y"].Success)
        {
            return null;
        }

        // Slashes read as US month/day unless the first number cannot be a month; dots as day.month.
        var (month, day) = dotted || a > 12 ? (b, a) : (a, b);
        if (m.Groups["y"].Success)
        {
            return Year(m.Groups["y"], reference.Year) is int year ? SafeDate(year, month, day) : null;
        }

        return NextOccurrence(month, day, reference);
    }

    private static DateOnly? NextOccurrence(int month, int day, DateOnly reference)
    {
        var date = SafeDate(reference.Year, month, day);
        if (date is null)
        {
            return null;
        }

        // A month/day more than two months back means next year's (people write ahead, not behind).
        return date.Value < reference.AddMonths(-2) ? SafeDate(reference.Year + 1, month, day) : date;
    }

    private static int MonthNumber(string name)
    {
        var lower = name.ToLowerInvariant().TrimEnd('.');
        for (var i = 0; i < Months.Length; i++)
        {
            if (Months[i].StartsWith(lower, StringComparison.Ordinal) && lower.Length >= 3)
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static DateOnly? MonthPhrase(Match m, DateOnly reference)
    {
        var month = MonthNumber(m.Groups["month"].Value);
        if (month == 0)
        {
            return null;
        }

        var hasDay = m.Groups["day"].Success || m.Groups["day2"].Success;
        var day = hasDay ? Number(m.Groups["day"].Success ? m.Groups["day"] : m.Groups["day2"]) ?? 0 : 1;
        if (m.Groups["year"].Success)
        {
            if (Year(m.Groups["year"], reference.Year) is not int year)
            {
                return null;
            }

            if (!hasDay && m.Groups["end"].Success)
            {
                return SafeDate(year, month, DateTime.DaysInMonth(year, month));
            }

            return SafeDate(year, month, day);
        }

        if (hasDay)
        {
            return NextOccurrence(month, day, reference);
        }

        // A bare month is the next one of that name: "by January" written in November is next year's.
        var yearOf = month < reference.Month ? reference.Year + 1 : reference.Year;
        return m.Groups["end"].Success ? new DateOnly(yearOf, month, DateTime.DaysInMonth(yearOf, month)) : new DateOnly(yearOf, month, 1);
    }

    /// <summary>
    /// A quarter, a half or a fiscal year: its first day, or its last with "end of". Fiscal years are read as
    /// calendar years (FY26 = 2026): a thread does not say where its company's year starts, and the day only
    /// has to be right to the month for a deadline to be tested. A period without a year is the current one
    /// when named while in it, else the next one of that name, as a bare month is.
    /// </summary>
    private static DateOnly? PeriodPhrase(Match m, DateOnly reference)
    {
        var end = m.Groups["end"].Success;
        int months;
        int index;
        if (m.Groups["q"].Success)
        {
            (months, index) = (3, m.Groups["q"].ValueSpan[1] - '0');
        }
        else if (m.Groups["h"].Success)
        {
            var h = m.Groups["h"].ValueSpan;
            (months, index) = (6, (h[0] == 'H' ? h[1] : h[0]) - '0');
        }
        else
        {
            (months, index) = (12, 1);
        }

        if (index < 1 || index > 12 / months)
        {
            return null;
        }

        int year;
        if (m.Groups["year"].Success)
        {
            if (Year(m.Groups["year"], reference.Year) is not int given || given is < 1900 or > 2200)
            {
                return null;
            }

            year = given;
        }
        else if (months == 12)
        {
            return null;
        }
        else
        {
            var current = (reference.Month - 1) / months + 1;
            year = index < current ? reference.Year + 1 : reference.Year;
        }

        var firstMonth = (index - 1) * months + 1;
        var lastMonth = firstMonth + months - 1;
        return end ? new DateOnly(year, lastMonth, DateTime.DaysInMonth(year, lastMonth)) : new DateOnly(year, firstMonth, 1);
    }

    /// <summary>"by the 30th": this month's when it is still ahead, else next month's.</summary>
    private static DateOnly? NextDayOfMonth(int day, DateOnly reference)
    {
        if (day is < 1 or > 31)
        {
            return null;
        }

        for (var ahead = 0; ahead < 3; ahead++)
        {
            var month = new DateOnly(reference.Year, reference.Month, 1).AddMonths(ahead);
            if (day <= DateTime.DaysInMonth(month.Year, month.Month) && (ahead > 0 || day >= reference.Day))
            {
                return new DateOnly(month.Year, month.Month, day);
            }
        }

        return null;
    }

    private static DateOnly? EndOfPhrase(Match m, DateOnly reference) =>
        EndOfPhraseFor(m.Groups["unit"].Value.ToLowerInvariant(), m.Groups["next"].Success, reference);

    private static DateOnly? EndOfPhraseFor(string unit, bool next, DateOnly reference)
    {
        switch (unit)
        {
            case "":
            case "day":
                return reference;
            case "week":
                var friday = reference.AddDays(((int)DayOfWeek.Friday - (int)reference.DayOfWeek + 7) % 7);
                return next ? friday.AddDays(7) : friday;
            case "month":
                var month = next ? reference.AddMonths(1) : reference;
                return new DateOnly(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month));
            case "quarter":
                var quarterStart = new DateOnly(reference.Year, (reference.Month - 1) / 3 * 3 + 1, 1).AddMonths(next ? 3 : 0);
                return quarterStart.AddMonths(3).AddDays(-1);
            case "year":
                return new DateOnly(reference.Year + (next ? 1 : 0), 12, 31);
            default:
                return null;
        }
    }

    private static DateOnly? RelativePhrase(Match m, DateOnly reference)
    {
        var amount = m.Groups["n"].Value.ToLowerInvariant() switch
        {
            "a" or "an" or "one" => 1,
            "two" or "a couple of" or "couple of" => 2,
            "three" or "a few" or "few" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            var digits when int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 365 => n,
            _ => 0,
        };
        if (amount == 0)
        {
            return null;
        }

        return m.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "day" => reference.AddDays(amount),
            "week" => reference.AddDays(7 * amount),
            "month" => reference.AddMonths(amount),
            _ => null,
        };
    }

    private static DateOnly? NextUnitPhrase(string unit, DateOnly reference) => unit switch
    {
        "week" => reference.AddDays(((int)DayOfWeek.Monday - (int)reference.DayOfWeek + 7) % 7 is var d && d == 0 ? 7 : d),
        "month" => new DateOnly(reference.Year, reference.Month, 1).AddMonths(1),
        "quarter" => new DateOnly(reference.Year, (reference.Month - 1) / 3 * 3 + 1, 1).AddMonths(3),
        "year" => new DateOnly(reference.Year + 1, 1, 1),
        _ => null,
    };

    private static DateOnly? WeekdayPhrase(Match m, DateOnly reference)
    {
        var name = m.Groups["dow"].Value.ToLowerInvariant();
        var target = Array.FindIndex(Weekdays, w => w.StartsWith(name[..3], StringComparison.Ordinal));
        if (target < 0)
        {
            return null;
        }

        var ahead = (target - (int)reference.DayOfWeek + 7) % 7;
        if (m.Groups["next"].Success)
        {
            // "Next Tuesday" is the Tuesday of next week (weeks starting on Monday), never this week's.
            if (ahead == 0)
            {
                ahead = 7;
            }

            var mondayBased = ((int)reference.DayOfWeek + 6) % 7;
            if (mondayBased + ahead < 7)
            {
                ahead += 7;
            }
        }

        return reference.AddDays(ahead);
    }

    [GeneratedRegex(@"\b(?<y>(?:19|20)\d{2})-(?<m>\d{1,2})-(?<d>\d{1,2})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d.,/])(?<a>\d{1,2})(?:/(?<b>\d{1,2})(?:/(?<y>(?:19|20)?\d{2}))?|\.(?<b>\d{1,2})\.(?<y>(?:19|20)\d{2}))(?![\d/]|\.\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?:(?<end>end of|late|by the end of)\s+)?(?:(?<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?<month>(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.?(?:\s+(?<day>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?<year>(?:19|20)\d{2}))?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MonthDay();

    private const string FiscalYear = @"(?-i:FY)\s?['\u2019]?(?:(?:19|20)\d{2}|\d{2})";

    private const string EndOfPeriod = @"(?:(?<end>end of|close of)\s+(?:the\s+)?)?";

    // "Q3 FY26", "Q3 2026", "Q3'26", "H2", "2H 2027", "end of Q1", "Q1 of FY27".
    [GeneratedRegex(@"\b" + EndOfPeriod + @"(?-i:(?<q>Q[1-4])|(?<h>H[12]|[12]H))(?:\s*(?:of\s+)?(?<year>" + FiscalYear + @"|(?:19|20)\d{2}|['\u2019]\d{2}))?(?![\w'\u2019])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PeriodThenYear();

    // "FY2027", "FY 27", "end of FY26", "FY26 Q3", "FY27-H1".
    [GeneratedRegex(@"\b" + EndOfPeriod + @"(?<year>" + FiscalYear + @")(?:\s*[-/ ]\s*(?-i:(?<q>Q[1-4])|(?<h>H[12])))?(?![\w'\u2019])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FiscalYearFirst();

    [GeneratedRegex(@"\b(?:EOD|COB|end of (?:the |this )?(?:(?:fiscal|financial) (?<unit>year|quarter)|(?<unit>day|week|month|quarter|year))|end of (?<next>next) (?:(?:fiscal|financial) )?(?<unit>week|month|quarter|year)|close of business)\b(?!\s*,?\s*(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EndOf();

    [GeneratedRegex(@"\bin\s+(?<n>\d{1,3}|an?|one|two|three|four|five|six|a couple of|couple of|a few|few)\s+(?<unit>day|week|month)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Relative();

    [GeneratedRegex(@"\bnext\s+(?:(?:fiscal|financial)\s+)?(?<unit>week|month|quarter|year)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NextUnit();

    [GeneratedRegex(@"\b(?:(?<next>next)\s+|(?:EOD|COB|end of day|close of business)\s+(?:on\s+)?)?(?<dow>monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\bthis\s+(?<unit>week|month|quarter|year)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ThisUnit();

    [GeneratedRegex(@"\bthe\s+(?<d>\d{1,2})(?:st|nd|rd|th)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DayOfMonth();

    [GeneratedRegex(@"\b(?<w>today|tomorrow|tonight)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TodayTomorrow();
}
