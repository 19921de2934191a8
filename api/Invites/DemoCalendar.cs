namespace GhostAssist.Api.Invites;

/// <summary>
/// The demo user's calendar: a daily stand-up and lunch, a Friday focus block, and one or two
/// meetings a day chosen from the date itself, so the same day always looks the same and the
/// proposals look like they came from a real week.
/// </summary>
public static class DemoCalendar
{
    private static readonly (TimeOnly Start, int Minutes, string Label)[] Meetings =
    [
        (new(10, 0), 60, "Pipeline review"),
        (new(11, 0), 30, "1:1 with manager"),
        (new(14, 0), 60, "Customer call"),
        (new(15, 30), 30, "Onboarding check-in"),
        (new(16, 0), 60, "Team retro"),
    ];

    public static IReadOnlyList<BusyBlock> Busy(WorkingTime user, DateTimeOffset from, DateTimeOffset to)
    {
        var blocks = new List<BusyBlock>();
        var firstDay = DateOnly.FromDateTime(user.ToLocal(from));
        var lastDay = DateOnly.FromDateTime(user.ToLocal(to));
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!WorkingTime.IsBusinessDay(day))
            {
                continue;
            }

            Add(blocks, user, day, new TimeOnly(9, 0), 15, "Stand-up");
            Add(blocks, user, day, new TimeOnly(12, 30), 60, "Lunch");
            if (day.DayOfWeek == DayOfWeek.Friday)
            {
                Add(blocks, user, day, new TimeOnly(16, 0), 90, "Focus time");
            }

            // A stable number from the date alone (string.GetHashCode is randomised per process).
            var seed = day.DayNumber * 2654435761u;
            var first = (int)(seed % (uint)Meetings.Length);
            var second = (int)((seed / 7) % (uint)Meetings.Length);
            foreach (var index in first == second ? new[] { first } : new[] { first, second })
            {
                var (start, minutes, label) = Meetings[index];
                Add(blocks, user, day, start, minutes, label);
            }
        }

        return blocks.Where(b => b.End > from && b.Start < to).OrderBy(b => b.Start).ToList();
    }

    private static void Add(List<BusyBlock> blocks, WorkingTime user, DateOnly day, TimeOnly start, int minutes, string label)
    {
        if (user.ToInstant(day, start) is { } instant)
        {
            blocks.Add(new BusyBlock(instant, instant.AddMinutes(minutes), label));
        }
    }
}
