namespace GhostAssist.Api.Invites;

/// <summary>Working days (Monday to Friday) and hours in a time zone, the rules every slot obeys.</summary>
public sealed record WorkingTime(TimeZoneInfo Zone, TimeOnly DayStart, TimeOnly DayEnd)
{
    public static bool IsBusinessDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The instant of a local wall-clock time, or null when that time does not exist (the spring-forward gap).</summary>
    public DateTimeOffset? ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return null;
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    /// <summary>True when the whole meeting falls inside one business day's working hours here.</summary>
    public bool Contains(DateTimeOffset start, DateTimeOffset end)
    {
        var localStart = ToLocal(start);
        var localEnd = ToLocal(end);
        var day = DateOnly.FromDateTime(localStart);
        return IsBusinessDay(day)
            && DateOnly.FromDateTime(localEnd) == day
            && TimeOnly.FromDateTime(localStart) >= DayStart
            && TimeOnly.FromDateTime(localEnd) <= DayEnd;
    }

    /// <summary>The end of the working day <paramref name="businessDays"/> business days after the local day of <paramref name="now"/>.</summary>
    public DateTimeOffset EndOfBusinessDaysAfter(DateTimeOffset now, int businessDays)
    {
        var day = DateOnly.FromDateTime(ToLocal(now));
        var counted = 0;
        while (counted < businessDays)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                counted++;
            }
        }

        return ToInstant(day, DayEnd) ?? ToInstant(day, DayEnd.AddHours(1))!.Value;
    }
}

public static class TimeZones
{
    /// <summary>Finds a zone by IANA or Windows id (.NET maps between them with ICU), or null.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return null;
        }

        var trimmed = id.Trim();

        // On Linux the id is a path under the zoneinfo folder: a folder ("Europe", "posix"), a
        // relative path or anything but a zone name makes the runtime throw security or I/O errors.
        if (trimmed.Contains("..", StringComparison.Ordinal) || trimmed.StartsWith('/') || trimmed.EndsWith('/')
            || trimmed.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+' or ' ' or '(' or ')' or '.')))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(trimmed);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException
            or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The IANA name of a zone, for the wire and the .ics TZID.</summary>
    public static string IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;

    /// <summary>The Windows name Outlook and Graph know best ("GMT Standard Time"), falling back to the IANA id.</summary>
    public static string WindowsId(TimeZoneInfo zone) =>
        !zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertIanaIdToWindowsId(zone.Id, out var windows) ? windows : zone.Id;
}
