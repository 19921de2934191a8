namespace GhostAssist.Api.Invites;

/// <summary>A time the user's calendar is taken.</summary>
public sealed record BusyBlock(DateTimeOffset Start, DateTimeOffset End, string Label);

/// <summary>A proposed meeting time; <see cref="SuitsAttendee"/> when it also falls in the contact's working day.</summary>
public sealed record FoundSlot(DateTimeOffset Start, DateTimeOffset End, bool SuitsAttendee);

/// <summary>
/// Picks meeting times the way a considerate person would: inside the user's working hours on a
/// business day, on the hour or half hour of the user's clock, never in the past, inside the
/// contact's working day too when their zone is known, and spread over different days.
/// </summary>
public static class SlotFinder
{
    public const int MaxSlots = 3;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(30);

    /// <summary>Every candidate start inside the user's working time and the window, in time order.</summary>
    public static IEnumerable<DateTimeOffset> Candidates(WorkingTime user, DateTimeOffset from, DateTimeOffset to, TimeSpan duration)
    {
        var firstDay = DateOnly.FromDateTime(user.ToLocal(from));
        var lastDay = DateOnly.FromDateTime(user.ToLocal(to));
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!WorkingTime.IsBusinessDay(day))
            {
                continue;
            }

            for (var time = user.DayStart; time.ToTimeSpan() + duration <= user.DayEnd.ToTimeSpan(); time = time.Add(Step))
            {
                var start = user.ToInstant(day, time);
                if (start is { } instant && instant >= from && instant + duration <= to && user.Contains(instant, instant + duration))
                {
                    yield return instant;
                }

                // TimeOnly wraps at midnight; a working day never does.
                if (time.ToTimeSpan() + Step >= TimeSpan.FromDays(1))
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Up to <see cref="MaxSlots"/> free slots. When the contact's working time is known, slots that
    /// suit both come first; only when none exists are slots inside the user's hours alone offered.
    /// </summary>
    public static IReadOnlyList<FoundSlot> Find(
        WorkingTime user,
        WorkingTime? attendee,
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan duration,
        IReadOnlyList<BusyBlock> busy)
    {
        var free = Candidates(user, from, to, duration)
            .Where(start => !busy.Any(b => b.Start < start + duration && start < b.End))
            .Select(start => new FoundSlot(start, start + duration, attendee is null || attendee.Contains(start, start + duration)))
            .ToList();

        return Choose(free, user);
    }

    /// <summary>From free slots in time order: those that suit the contact when any do, spread over days.</summary>
    public static IReadOnlyList<FoundSlot> Choose(IReadOnlyList<FoundSlot> free, WorkingTime user)
    {
        var suitable = free.Where(s => s.SuitsAttendee).ToList();
        return Spread(suitable.Count > 0 ? suitable : free.ToList(), user);
    }

    /// <summary>The earliest slot of each day first, so the contact gets a real choice; then the next earliest.</summary>
    private static List<FoundSlot> Spread(List<FoundSlot> free, WorkingTime user)
    {
        var chosen = free
            .GroupBy(s => DateOnly.FromDateTime(user.ToLocal(s.Start)))
            .Select(day => day.First())
            .Take(MaxSlots)
            .ToList();

        foreach (var slot in free)
        {
            if (chosen.Count >= MaxSlots)
            {
                break;
            }

            if (!chosen.Any(c => c.Start < slot.End && slot.Start < c.End))
            {
                chosen.Add(slot);
            }
        }

        return chosen.OrderBy(s => s.Start).ToList();
    }
}
