using System.Globalization;
using System.Text;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Invites;

public sealed record IcsPerson(string Address, string? Name);

public sealed record IcsEvent(
    string Uid,
    DateTimeOffset Stamp,
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeZoneInfo Zone,
    string Summary,
    string Description,
    IcsPerson Organizer,
    IReadOnlyList<IcsPerson> Attendees,
    int Sequence = 0);

/// <summary>
/// Writes an iCalendar (RFC 5545) meeting request by hand; see docs/decisions/0500-ics-writer.md for
/// why and for the rules covered: CRLF, 75-octet folding on UTF-8 character boundaries, TEXT
/// escaping, quoted parameter values, and a VTIMEZONE built from the zone's real transitions.
/// </summary>
public static class IcsWriter
{
    public const int MaxOctets = 75;
    private const string Crlf = "\r\n";

    public static string Write(IcsEvent e)
    {
        var zoneId = TimeZones.IanaId(e.Zone);
        var tzid = ParamValue(zoneId);
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "PRODID:-//GhostAssist//Invites 1.0//EN");
        Line(ics, "VERSION:2.0");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:REQUEST");
        WriteTimeZone(ics, e.Zone, zoneId, e.Start, e.End);
        Line(ics, "BEGIN:VEVENT");
        Line(ics, "UID:" + EscapeText(e.Uid));
        Line(ics, "DTSTAMP:" + Utc(e.Stamp));
        Line(ics, $"DTSTART;TZID={tzid}:{Local(e.Start, e.Zone)}");
        Line(ics, $"DTEND;TZID={tzid}:{Local(e.End, e.Zone)}");
        Line(ics, "SUMMARY:" + EscapeText(e.Summary));
        Line(ics, "DESCRIPTION:" + EscapeText(e.Description));
        Line(ics, $"ORGANIZER{CommonName(e.Organizer)}:mailto:{e.Organizer.Address}");
        foreach (var attendee in e.Attendees)
        {
            Line(ics, $"ATTENDEE{CommonName(attendee)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{attendee.Address}");
        }

        Line(ics, "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
        Line(ics, "STATUS:CONFIRMED");
        Line(ics, "TRANSP:OPAQUE");
        Line(ics, "END:VEVENT");
        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline; other controls and text-direction overrides dropped.</summary>
    public static string EscapeText(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case ';': text.Append(@"\;"); break;
                case ',': text.Append(@"\,"); break;
                case '\r':
                    text.Append(@"\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n': text.Append(@"\n"); break;
                case '\t': text.Append(c); break;
                default:
                    if (!char.IsControl(c) && !BidiControls.Is(c))
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A parameter value (RFC 5545 3.1): DQUOTE cannot be escaped, so it becomes an apostrophe;
    /// a value holding ':' ';' or ',' is quoted.
    /// </summary>
    public static string ParamValue(string value)
    {
        var clean = new string(value.Where(c => !char.IsControl(c) && !BidiControls.Is(c)).Select(c => c == '"' ? '\'' : c).ToArray());
        return clean.IndexOfAny([':', ';', ',']) >= 0 ? $"\"{clean}\"" : clean;
    }

    /// <summary>Appends one content line, folded so no physical line exceeds 75 octets of UTF-8, never inside a character.</summary>
    public static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = MaxOctets;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                ics.Append(Crlf).Append(' ');
                octets = 1;
            }

            ics.Append(rune.ToString());
            octets += size;
        }

        ics.Append(Crlf);
    }

    private static string CommonName(IcsPerson person) =>
        string.IsNullOrWhiteSpace(person.Name) ? "" : ";CN=" + ParamValue(person.Name.Trim());

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Offset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        var text = $"{sign}{abs.Hours:00}{abs.Minutes:00}";
        return abs.Seconds == 0 ? text : text + $"{abs.Seconds:00}";
    }

    /// <summary>
    /// One STANDARD or DAYLIGHT observance per real transition from the start of the year before
    /// the event to the end of the year after, read from the zone itself, so the calendar never has to guess the
    /// rules; a zone with no transitions gets a single STANDARD observance.
    /// </summary>
    private static void WriteTimeZone(StringBuilder ics, TimeZoneInfo zone, string zoneId, DateTimeOffset start, DateTimeOffset end)
    {
        Line(ics, "BEGIN:VTIMEZONE");
        Line(ics, "TZID:" + zoneId);
        // From the year before, so the observance in force before the event year's first transition is there too.
        var from = new DateTimeOffset(start.UtcDateTime.Year - 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(end.UtcDateTime.Year + 1, 12, 31, 23, 0, 0, TimeSpan.Zero);
        var transitions = Transitions(zone, from, to);
        if (transitions.Count == 0)
        {
            var offset = zone.GetUtcOffset(start);
            Observance(ics, "STANDARD", new DateTime(1970, 1, 1), offset, offset);
        }

        foreach (var (instant, before, after) in transitions)
        {
            var kind = zone.IsDaylightSavingTime(instant) ? "DAYLIGHT" : "STANDARD";
            Observance(ics, kind, (instant + before).UtcDateTime, before, after);
        }

        Line(ics, "END:VTIMEZONE");
    }

    private static void Observance(StringBuilder ics, string kind, DateTime onsetLocal, TimeSpan from, TimeSpan to)
    {
        Line(ics, "BEGIN:" + kind);
        Line(ics, "DTSTART:" + onsetLocal.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
        Line(ics, "TZOFFSETFROM:" + Offset(from));
        Line(ics, "TZOFFSETTO:" + Offset(to));
        Line(ics, "END:" + kind);
    }

    internal static List<(DateTimeOffset Instant, TimeSpan Before, TimeSpan After)> Transitions(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var found = new List<(DateTimeOffset, TimeSpan, TimeSpan)>();
        var previous = zone.GetUtcOffset(from);
        // Zones change offset at most twice a year, never twice in a day: step a day, then narrow.
        for (var t = from.AddDays(1); t <= to; t = t.AddDays(1))
        {
            var offset = zone.GetUtcOffset(t);
            if (offset == previous)
            {
                continue;
            }

            var low = t.AddDays(-1);
            var high = t;
            while (high - low > TimeSpan.FromMinutes(1))
            {
                var middle = low + (high - low) / 2;
                middle = new DateTimeOffset(middle.Ticks - middle.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
                if (middle <= low)
                {
                    break;
                }

                if (zone.GetUtcOffset(middle) == previous)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            found.Add((high, previous, offset));
            previous = offset;
        }

        return found;
    }
}
