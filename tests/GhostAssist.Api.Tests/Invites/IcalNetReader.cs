using System.Text;
using Ical.Net;

namespace GhostAssist.Api.Tests.Invites;

/// <summary>
/// Ical.Net, a calendar library the API does not use, reads every .ics the tests see and must agree
/// with <see cref="StrictIcsReader"/> on what the meeting is: the same event, instants (through the
/// file's own time zone), title, text, organizer and attendees. The strict reader checks the syntax
/// against RFC 5545; this one checks that a widely used client library understands the file the same way.
/// </summary>
public static class IcalNetReader
{
    public static void AssertAgreesWith(byte[] bytes, IcsComponent strictCalendar)
    {
        var calendar = Calendar.Load(Encoding.UTF8.GetString(bytes));
        Assert.NotNull(calendar);
        Assert.Equal("REQUEST", calendar.Method);
        var meeting = Assert.Single(calendar.Events);
        var strict = strictCalendar.Child("VEVENT");

        Assert.Equal(strict.Single("UID").Value, meeting.Uid);
        Assert.Equal(strict.Single("SUMMARY").Text, meeting.Summary);
        if (strict.All("DESCRIPTION").Any())
        {
            Assert.Equal(strict.Single("DESCRIPTION").Text.ReplaceLineEndings("\n"), meeting.Description?.ReplaceLineEndings("\n"));
        }

        Assert.NotNull(meeting.DtStart);
        Assert.NotNull(meeting.DtEnd);
        Assert.Equal(StrictIcsReader.Instant(strictCalendar, strict.Single("DTSTART")).UtcDateTime, meeting.DtStart.AsUtc);
        Assert.Equal(StrictIcsReader.Instant(strictCalendar, strict.Single("DTEND")).UtcDateTime, meeting.DtEnd.AsUtc);

        Assert.Equal(Mailto(strict.Single("ORGANIZER").Value), Mailto(meeting.Organizer?.Value?.OriginalString));
        Assert.Equal(
            strict.All("ATTENDEE").Select(a => Mailto(a.Value)).Order(StringComparer.Ordinal),
            meeting.Attendees.Select(a => Mailto(a.Value?.OriginalString)).Order(StringComparer.Ordinal));
        Assert.Equal(
            strict.All("ATTENDEE").Select(a => a.Param("CN") ?? "").Order(StringComparer.Ordinal),
            meeting.Attendees.Select(a => a.CommonName ?? "").Order(StringComparer.Ordinal));
    }

    private static string Mailto(string? value) =>
        (value ?? "").StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? value![7..].ToLowerInvariant() : (value ?? "").ToLowerInvariant();
}
