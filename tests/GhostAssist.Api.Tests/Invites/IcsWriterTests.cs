using System.Text;
using GhostAssist.Api.Invites;

namespace GhostAssist.Api.Tests.Invites;

public sealed class IcsWriterTests
{
    private static readonly IcsPerson Alex = new("alex.morgan@ghostassist.example", "Alex Morgan");
    private static readonly IcsPerson Dana = new("dana.smith@contoso.example", "Dana Smith, CIO");

    private static string Folded(string line)
    {
        var ics = new StringBuilder();
        IcsWriter.Line(ics, line);
        return ics.ToString();
    }

    [Fact]
    public void LineOfExactlySeventyFiveOctetsIsNotFolded()
    {
        var line = new string('a', 75);
        Assert.Equal(line + "\r\n", Folded(line));
    }

    [Fact]
    public void SeventySixthOctetMovesToAContinuationLine()
    {
        Assert.Equal(new string('a', 75) + "\r\n b\r\n", Folded(new string('a', 75) + "b"));
    }

    [Fact]
    public void ContinuationLinesHoldSeventyFourOctetsAfterTheSpace()
    {
        var line = new string('a', 75) + new string('b', 74) + "c";
        Assert.Equal(new string('a', 75) + "\r\n " + new string('b', 74) + "\r\n c\r\n", Folded(line));
    }

    [Fact]
    public void FoldNeverSplitsAnAccentedCharacter()
    {
        // 74 octets + "é" (2 octets) would be 76: the whole "é" moves to the next line.
        Assert.Equal(new string('a', 74) + "\r\n é\r\n", Folded(new string('a', 74) + "é"));
    }

    [Fact]
    public void FoldNeverSplitsAnEmoji()
    {
        // "😀" is 4 octets in UTF-8 (a surrogate pair in .NET): 73 + 4 = 77, so it moves whole.
        Assert.Equal(new string('a', 73) + "\r\n 😀\r\n", Folded(new string('a', 73) + "😀"));
        // 71 + 4 = 75 exactly: it stays.
        Assert.Equal(new string('a', 71) + "😀\r\n", Folded(new string('a', 71) + "😀"));
    }

    [Fact]
    public void TextEscapesBackslashSemicolonCommaAndNewlines()
    {
        Assert.Equal(@"a\,b\;c\\d\ne\nf\ng", IcsWriter.EscapeText("a,b;c\\d\r\ne\nf\rg"));
    }

    [Fact]
    public void TextDropsControlCharactersButKeepsTabs()
    {
        Assert.Equal("a\tbc", IcsWriter.EscapeText("a\tb\u0007c"));
    }

    [Fact]
    public void ParameterValuesWithSeparatorsAreQuotedAndQuotesCannotBreakOut()
    {
        Assert.Equal("Alex Morgan", IcsWriter.ParamValue("Alex Morgan"));
        Assert.Equal("\"Smith, Dana\"", IcsWriter.ParamValue("Smith, Dana"));
        Assert.Equal("\"a:b;c\"", IcsWriter.ParamValue("a:b;c"));
        Assert.Equal("Dana 'DJ' Smith", IcsWriter.ParamValue("Dana \"DJ\" Smith"));
    }

    [Fact]
    public void SmallInviteMatchesTheHandWrittenFile()
    {
        var ics = IcsWriter.Write(new IcsEvent(
            "abc@ghostassist.invites",
            new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero),
            TimeZoneInfo.Utc,
            "Next steps, 30 min",
            "Hi Dana,\nAgenda: a; b\\c",
            Alex,
            [Dana]));

        const string expected =
            "BEGIN:VCALENDAR\r\n" +
            "PRODID:-//GhostAssist//Invites 1.0//EN\r\n" +
            "VERSION:2.0\r\n" +
            "CALSCALE:GREGORIAN\r\n" +
            "METHOD:REQUEST\r\n" +
            "BEGIN:VTIMEZONE\r\n" +
            "TZID:UTC\r\n" +
            "BEGIN:STANDARD\r\n" +
            "DTSTART:19700101T000000\r\n" +
            "TZOFFSETFROM:+0000\r\n" +
            "TZOFFSETTO:+0000\r\n" +
            "END:STANDARD\r\n" +
            "END:VTIMEZONE\r\n" +
            "BEGIN:VEVENT\r\n" +
            "UID:abc@ghostassist.invites\r\n" +
            "DTSTAMP:20261123T080000Z\r\n" +
            "DTSTART;TZID=UTC:20261124T100000\r\n" +
            "DTEND;TZID=UTC:20261124T103000\r\n" +
            "SUMMARY:Next steps\\, 30 min\r\n" +
            "DESCRIPTION:Hi Dana\\,\\nAgenda: a\\; b\\\\c\r\n" +
            "ORGANIZER;CN=Alex Morgan:mailto:alex.morgan@ghostassist.example\r\n" +
            "ATTENDEE;CN=\"Dana Smith, CIO\";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTST\r\n" +
            " AT=NEEDS-ACTION;RSVP=TRUE:mailto:dana.smith@contoso.example\r\n" +
            "SEQUENCE:0\r\n" +
            "STATUS:CONFIRMED\r\n" +
            "TRANSP:OPAQUE\r\n" +
            "END:VEVENT\r\n" +
            "END:VCALENDAR\r\n";
        Assert.Equal(expected, ics);
    }

    [Fact]
    public void LondonTimeZoneCarriesItsRealSummerTimeTransitions()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var ics = IcsWriter.Write(Meeting(london, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), "Note"));

        Assert.Contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nEND:DAYLIGHT\r\n", ics);
        Assert.Contains("BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\n", ics);
        Assert.Contains("DTSTART;TZID=Europe/London:20261124T100000\r\n", ics);
    }

    [Fact]
    public void NewYorkTimeZoneCarriesItsRealDaylightTransitions()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var ics = IcsWriter.Write(Meeting(newYork, new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero), "Note"));

        Assert.Contains("BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\n", ics);
        Assert.Contains("BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n", ics);
        Assert.Contains("DTSTART;TZID=America/New_York:20261030T100000\r\n", ics);
    }

    [Theory]
    [InlineData("Europe/London", "2026-10-23T09:00:00Z")] // Friday before the clocks go back: BST
    [InlineData("Europe/London", "2026-10-26T09:00:00Z")] // Monday after: GMT
    [InlineData("Europe/London", "2026-01-15T09:00:00Z")] // before the year's first transition
    [InlineData("America/New_York", "2026-10-30T13:00:00Z")] // the week London and New York are 4 hours apart
    [InlineData("America/New_York", "2026-11-02T14:00:00Z")]
    [InlineData("Australia/Sydney", "2026-04-06T23:00:00Z")] // southern hemisphere: summer time ends in April
    [InlineData("Australia/Adelaide", "2026-12-01T00:30:00Z")] // half-hour offset with summer time
    [InlineData("Asia/Kolkata", "2026-11-24T04:30:00Z")] // half-hour offset, no summer time
    [InlineData("Asia/Kathmandu", "2026-11-24T04:15:00Z")] // quarter-hour offset
    public void StrictReaderResolvesTheEventToTheSameInstant(string zoneId, string startUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var start = DateTimeOffset.Parse(startUtc, System.Globalization.CultureInfo.InvariantCulture);
        var ics = IcsWriter.Write(Meeting(zone, start, "Agenda"));

        var calendar = StrictIcsReader.ParseMeetingRequest(Encoding.UTF8.GetBytes(ics));
        var meeting = calendar.Child("VEVENT");
        Assert.Equal(start, StrictIcsReader.Instant(calendar, meeting.Single("DTSTART")));
        Assert.Equal(start.AddMinutes(30), StrictIcsReader.Instant(calendar, meeting.Single("DTEND")));
    }

    [Fact]
    public void LongAccentedAndEmojiTextSurvivesFoldingAndEscaping()
    {
        var description = "Hi Zoë,\n\nThe aim: cut your onboarding from 6 weeks to 3 — déjà vu, naïve café crème; 😀🚀 \\ done.\n" + string.Concat(Enumerable.Repeat("é😀, ", 40));
        var ics = IcsWriter.Write(Meeting(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), description)
            with { Summary = "Renewal check-in, 30 min 🚀", Attendees = [new IcsPerson("zoe@contoso.example", "Zoë \"Z\" Ångström; Head, Ops")] });

        var calendar = StrictIcsReader.ParseMeetingRequest(Encoding.UTF8.GetBytes(ics));
        var meeting = calendar.Child("VEVENT");
        Assert.Equal(description, meeting.Single("DESCRIPTION").Text);
        Assert.Equal("Renewal check-in, 30 min 🚀", meeting.Single("SUMMARY").Text);
        Assert.Equal("Zoë 'Z' Ångström; Head, Ops", meeting.Single("ATTENDEE").Param("CN"));
        Assert.Equal("mailto:zoe@contoso.example", meeting.Single("ATTENDEE").Value);
    }

    private static IcsEvent Meeting(TimeZoneInfo zone, DateTimeOffset start, string description) => new(
        "id@ghostassist.invites",
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        start,
        start.AddMinutes(30),
        zone,
        "Next steps, 30 min",
        description,
        Alex,
        [Dana]);
}
