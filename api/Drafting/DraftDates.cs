using System.Globalization;

namespace GhostAssist.Api.Drafting;

/// <summary>Concrete dates for drafts ("Thursday 3 December"), counted in business days from today.</summary>
public static class DraftDates
{
    public static DateOnly AddBusinessDays(DateOnly from, int days)
    {
        var date = from;
        var added = 0;
        while (added < days)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                added++;
            }
        }

        return date;
    }

    /// <summary>The date itself when it is a business day, else the next one.</summary>
    public static DateOnly OnOrAfterBusinessDay(DateOnly date)
    {
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>A date on a weekend moved back to the Friday before: "by Saturday" means done by the end of the week.</summary>
    public static DateOnly OnOrBeforeBusinessDay(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(-2),
        _ => date,
    };

    public static int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from; date < to; date = date.AddDays(1))
        {
            var next = date.AddDays(1);
            if (next.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>"Thursday 3 December"; the year only when it is not this year's.</summary>
    public static string Format(DateOnly date, DateOnly today) =>
        date.Year == today.Year
            ? date.ToString("dddd d MMMM", CultureInfo.InvariantCulture)
            : date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// A hash that is the same in every process (string.GetHashCode is randomised per process), so
/// the same thread and inputs always get the same phrasing.
/// </summary>
public static class StableHash
{
    public static ulong Of(params string?[] parts)
    {
        // FNV-1a, 64-bit, with a separator so ("ab","c") and ("a","bc") differ.
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var c in part ?? "")
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            hash = (hash ^ 0x1F) * 1099511628211UL;
        }

        return hash;
    }
}
