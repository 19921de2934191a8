using GhostAssist.Api.Identity;

namespace GhostAssist.Api.Invites;

/// <summary>What a slot search needs: the user's and (when known) the contact's working time, the window, the people.</summary>
public sealed record SlotQuery(
    AppUser User,
    WorkingTime UserTime,
    WorkingTime? AttendeeTime,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Duration,
    IReadOnlyList<IcsPerson> Attendees);

/// <summary>Slots found, or none with the calendar's own reason.</summary>
public sealed record SlotSearch(IReadOnlyList<FoundSlot> Slots, string? EmptyReason = null);

/// <summary>A meeting to create. <see cref="Id"/> and <see cref="TransactionId"/> are derived from the idempotency key.</summary>
public sealed record NewInvite(
    AppUser User,
    string Id,
    string TransactionId,
    string Fingerprint,
    bool ExplicitKey,
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeZoneInfo Zone,
    IcsPerson Organizer,
    IReadOnlyList<IcsPerson> Attendees,
    InviteText Text);

/// <summary>A meeting that exists; <see cref="Replayed"/> when the same request had already created it.</summary>
public sealed record CreatedInvite(
    string Id,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<IcsPerson> Attendees,
    string BodyText,
    string? WebLink,
    bool? IsOnlineMeeting,
    bool Replayed);

/// <summary>Where meetings are looked up and created: the demo calendar and .ics files, or Outlook through Graph.</summary>
public interface IInviteCalendar
{
    /// <summary>"ics" or "graph".</summary>
    string Kind { get; }

    Task<SlotSearch> FindSlotsAsync(SlotQuery query, CancellationToken cancellationToken);

    Task<CreatedInvite> CreateAsync(NewInvite invite, CancellationToken cancellationToken);
}
