using GhostAssist.Api.Invites;

namespace GhostAssist.Api.Tests.Invites;

public sealed class SlotFinderTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly WorkingTime LondonDay = new(London, new TimeOnly(9, 0), new TimeOnly(17, 30));
    private static readonly WorkingTime NewYorkDay = new(NewYork, new TimeOnly(9, 0), new TimeOnly(17, 30));

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void WeekendHasNoSlots()
    {
        // Saturday 28 and Sunday 29 November 2026.
        var slots = SlotFinder.Find(LondonDay, null, Utc(2026, 11, 28, 0), Utc(2026, 11, 30, 0), TimeSpan.FromMinutes(30), []);

        Assert.Empty(slots);
    }

    [Fact]
    public void EverySlotStartsOnTheHourOrHalfHourInsideWorkingHours()
    {
        var from = Utc(2026, 11, 23, 0);
        var candidates = SlotFinder.Candidates(LondonDay, from, from.AddDays(7), TimeSpan.FromMinutes(45)).ToList();

        Assert.NotEmpty(candidates);
        foreach (var start in candidates)
        {
            var local = TimeZoneInfo.ConvertTime(start, London);
            Assert.Contains(local.Minute, new[] { 0, 30 });
            Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(9), TimeSpan.FromHours(16.75));
            Assert.DoesNotContain(local.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
        }

        // 09:00 to 16:45 every half hour, five days: 16 starts a day.
        Assert.Equal(5 * 16, candidates.Count);
    }

    [Fact]
    public void LondonWorkingDayStartsAnHourLaterInUtcAfterTheClocksGoBack()
    {
        // Friday 23 October 2026 is British Summer Time; Monday 26 October is GMT.
        var friday = SlotFinder.Find(LondonDay, null, Utc(2026, 10, 23, 0), Utc(2026, 10, 24, 0), TimeSpan.FromMinutes(30), []);
        var monday = SlotFinder.Find(LondonDay, null, Utc(2026, 10, 26, 0), Utc(2026, 10, 27, 0), TimeSpan.FromMinutes(30), []);

        Assert.Equal(Utc(2026, 10, 23, 8), friday[0].Start);
        Assert.Equal(Utc(2026, 10, 26, 9), monday[0].Start);
    }

    [Theory]
    // London on GMT, New York still on EDT: 4 hours apart, so 09:00 in New York is 13:00 in London.
    [InlineData(2026, 10, 26, 13)]
    // Both on standard time: 5 hours apart.
    [InlineData(2026, 11, 2, 14)]
    // New York moved to EDT on 8 March, London waits until 29 March: 4 hours apart again.
    [InlineData(2026, 3, 16, 13)]
    // Both on summer time.
    [InlineData(2026, 6, 15, 13)]
    public void ContactInNewYorkGetsTheFirstTimeInsideBothWorkingDays(int year, int month, int day, int expectedUtcHour)
    {
        var from = Utc(year, month, day, 0);
        var slots = SlotFinder.Find(LondonDay, NewYorkDay, from, from.AddDays(1), TimeSpan.FromMinutes(30), []);

        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.True(s.SuitsAttendee));
        Assert.Equal(Utc(year, month, day, expectedUtcHour), slots[0].Start);
        Assert.Equal(9, TimeZoneInfo.ConvertTime(slots[0].Start, NewYork).Hour);
        // London's day ends at 17:30: the last start that fits is 17:00 London.
        Assert.All(slots, s => Assert.True(TimeZoneInfo.ConvertTime(s.End, London).TimeOfDay <= TimeSpan.FromHours(17.5)));
    }

    [Fact]
    public void ContactWithNoOverlappingDayStillGetsTimesInsideTheUsersHours()
    {
        // Tokyo's 09:00-17:30 is 00:00-08:30 in London: the days never overlap.
        var from = Utc(2026, 11, 23, 0);
        var slots = SlotFinder.Find(LondonDay, new WorkingTime(Tokyo, new TimeOnly(9, 0), new TimeOnly(17, 30)), from, from.AddDays(3), TimeSpan.FromMinutes(30), []);

        Assert.Equal(3, slots.Count);
        Assert.All(slots, s => Assert.False(s.SuitsAttendee));
        Assert.All(slots, s => Assert.True(LondonDay.Contains(s.Start, s.End)));
    }

    [Fact]
    public void BusyTimesAreSkippedAndSlotsAreSpreadOverDays()
    {
        var from = Utc(2026, 11, 23, 0);
        var busy = new List<BusyBlock>
        {
            new(Utc(2026, 11, 23, 9), Utc(2026, 11, 23, 11), "Workshop"),
            new(Utc(2026, 11, 24, 9), Utc(2026, 11, 24, 9, 30), "Stand-up"),
        };

        var slots = SlotFinder.Find(LondonDay, null, from, from.AddDays(5), TimeSpan.FromMinutes(60), busy);

        Assert.Equal([Utc(2026, 11, 23, 11), Utc(2026, 11, 24, 9, 30), Utc(2026, 11, 25, 9)], slots.Select(s => s.Start));
    }

    [Fact]
    public void OneFreeDayStillOffersThreeTimesThatDoNotOverlap()
    {
        var from = Utc(2026, 11, 23, 0);
        var slots = SlotFinder.Find(LondonDay, null, from, from.AddDays(1), TimeSpan.FromMinutes(60), []);

        Assert.Equal([Utc(2026, 11, 23, 9), Utc(2026, 11, 23, 10), Utc(2026, 11, 23, 11)], slots.Select(s => s.Start));
    }

    [Fact]
    public void DemoCalendarIsTheSameForTheSameDayAndVariesAcrossDays()
    {
        var from = Utc(2026, 11, 23, 0);
        var first = DemoCalendar.Busy(LondonDay, from, from.AddDays(5));
        var again = DemoCalendar.Busy(LondonDay, from, from.AddDays(5));

        Assert.Equal(first, again);
        Assert.Equal(5, first.Count(b => b.Label == "Stand-up"));
        Assert.Equal(5, first.Count(b => b.Label == "Lunch"));
        var meetingsByDay = first.Where(b => b.Label is not ("Stand-up" or "Lunch" or "Focus time"))
            .GroupBy(b => b.Start.Date)
            .Select(g => string.Join(",", g.Select(b => b.Label)))
            .Distinct();
        Assert.True(meetingsByDay.Count() > 1, "the meetings differ from day to day");
    }
}
