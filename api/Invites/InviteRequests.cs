using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Invites;

// What InviteService takes and gives back. The wire DTOs live in InvitesApi, which maps to and from
// these, so the service knows nothing of JSON names or HTTP.

public sealed record InviteAttendee(string? Address, string? Name = null);

/// <summary>Which thread the invite is about: by id, or as messages with the caller's address.</summary>
public sealed record InviteThreadRef(string? ConversationId, IReadOnlyList<GraphMessage?>? Messages, string? Me);

public sealed record SlotProposalQuery(
    InviteThreadRef Thread,
    IReadOnlyList<InviteAttendee>? Attendees,
    int? DurationMinutes,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    string? TimeZone,
    string? AttendeeTimeZone);

public sealed record ProposedSlot(DateTimeOffset Start, DateTimeOffset End, string StartLocal, string EndLocal, string Label, bool? SuitsAttendee);

public sealed record SlotProposals(
    string TimeZone,
    int DurationMinutes,
    IReadOnlyList<ProposedSlot> Slots,
    IReadOnlyList<InviteAttendee> Attendees,
    string? Reason,
    string Provider,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd);

public sealed record InviteOrder(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    InviteThreadRef Thread,
    IReadOnlyList<InviteAttendee>? Attendees,
    string? Subject,
    string? Body,
    string? IdempotencyKey,
    string? TimeZone);

public sealed record BookedInvite(
    string Id,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    IReadOnlyList<InviteAttendee> Attendees,
    string? IcsUrl,
    string? WebLink,
    string Provider,
    string BodyText,
    bool? IsOnlineMeeting,
    bool Replayed);

public sealed record InviteFormPreview(
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    IReadOnlyList<InviteAttendee> Attendees,
    string BodyText,
    string BodyHtml);

/// <summary>The inputs a validation failure can name; the endpoint turns them into the request's field paths.</summary>
public enum InviteField
{
    DurationMinutes,
    TimeZone,
    AttendeeTimeZone,
    WindowStart,
    WindowEnd,
    SlotStart,
    SlotEnd,
    Subject,
    Body,
    Attendee,
    AttendeeAddress,
    AttendeeName,
}

/// <summary>
/// A bad input, named by field (and attendee index) rather than by wire path. <see cref="Problem"/> is a
/// composite format: {0}, {1}… stand for <see cref="Fields"/> as the caller spelled them.
/// </summary>
public sealed class InviteInputException(string problem, int? index, params InviteField[] fields) : Exception(problem)
{
    public string Problem { get; } = problem;

    public int? Index { get; } = index;

    public IReadOnlyList<InviteField> Fields { get; } = fields;
}
