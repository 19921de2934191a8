using System.Globalization;
using System.Security.Claims;
using System.Text;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using Microsoft.AspNetCore.Mvc;

namespace GhostAssist.Api.Invites;

public static class InvitesApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public sealed record AttendeeDto(string? Address, string? Name = null);

    /// <summary>A thread by conversationId or as messages (with me); attendees default to the thread's main contact.</summary>
    public sealed record ProposalRequest(
        string? ConversationId = null,
        IReadOnlyList<GraphMessage?>? Messages = null,
        string? Me = null,
        IReadOnlyList<AttendeeDto>? Attendees = null,
        int? DurationMinutes = null,
        DateTimeOffset? WindowStart = null,
        DateTimeOffset? WindowEnd = null,
        string? TimeZone = null,
        string? AttendeeTimeZone = null);

    /// <summary>A proposed time: instants (UTC) and the wall-clock times in the user's zone.</summary>
    public sealed record SlotDto(DateTimeOffset Start, DateTimeOffset End, string StartLocal, string EndLocal, string Label, bool? SuitsAttendee);

    public sealed record ProposalResponse(
        string TimeZone,
        int DurationMinutes,
        IReadOnlyList<SlotDto> Slots,
        IReadOnlyList<AttendeeDto> Attendees,
        string? Reason,
        string Provider,
        DateTimeOffset WindowStart,
        DateTimeOffset WindowEnd);

    public sealed record SlotInput(DateTimeOffset? Start, DateTimeOffset? End);

    public sealed record CreateInviteRequest(
        SlotInput? Slot,
        string? ConversationId = null,
        IReadOnlyList<GraphMessage?>? Messages = null,
        string? Me = null,
        IReadOnlyList<AttendeeDto>? Attendees = null,
        string? Subject = null,
        string? Body = null,
        string? IdempotencyKey = null,
        string? TimeZone = null);

    public sealed record InviteResponse(
        string Id,
        string Subject,
        DateTimeOffset Start,
        DateTimeOffset End,
        string TimeZone,
        IReadOnlyList<AttendeeDto> Attendees,
        string? IcsUrl,
        string? WebLink,
        string Provider,
        string BodyText,
        bool? IsOnlineMeeting);

    /// <summary>What Office.js displayNewAppointmentForm takes: subject, times, required attendees, body.</summary>
    public sealed record InvitePreview(
        string Subject,
        DateTimeOffset Start,
        DateTimeOffset End,
        string TimeZone,
        IReadOnlyList<AttendeeDto> Attendees,
        string BodyText,
        string BodyHtml);

    public static RouteGroupBuilder MapInvites(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/invites").WithTags("Invites");

        group.MapPost("/proposals", async (ProposalRequest? request, ClaimsPrincipal principal, InviteService invites, CancellationToken cancellationToken) =>
                TypedResults.Ok(ToWire(await Checked(() => invites.ProposeAsync(AppUser.From(principal), ToQuery(request ?? new ProposalRequest()), cancellationToken)))))
            .WithName("ProposeInviteSlots")
            .WithSummary("Up to three meeting times inside working hours (and the contact's, when attendeeTimeZone is given).")
            .WithDescription("Attendees default to the thread's main contact, the duration to 30 minutes (15–240), the window to the rest of today and the next 5 business days. No free slot is a 422 problem with suggestions, never an empty list.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/", async (CreateInviteRequest? request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
                ClaimsPrincipal principal, InviteService invites, CancellationToken cancellationToken) =>
            {
                var order = ToOrder(request ?? new CreateInviteRequest(null), idempotencyKey);
                var created = await Checked(() => invites.CreateAsync(AppUser.From(principal), order, cancellationToken));
                var invite = ToWire(created);
                return created.Replayed
                    ? Results.Ok(invite)
                    : Results.Created(invite.IcsUrl ?? invite.WebLink, invite);
            })
            .WithName("CreateInvite")
            .WithSummary("Creates the meeting: an .ics file in demo mode, an Outlook event (a Teams meeting when allowed) through Graph.")
            .WithDescription("201 the first time; 200 with the same invite when the same request (same Idempotency-Key, or same conversation, slot and attendees) comes again.")
            .Produces<InviteResponse>(StatusCodes.Status201Created)
            .Produces<InviteResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/preview", async (CreateInviteRequest? request, ClaimsPrincipal principal, InviteService invites, CancellationToken cancellationToken) =>
                TypedResults.Ok(ToWire(await Checked(() => invites.PreviewAsync(AppUser.From(principal), ToOrder(request ?? new CreateInviteRequest(null), headerKey: null), cancellationToken)))))
            .WithName("PreviewInvite")
            .WithSummary("The invite a create would send (subject, times, attendees, body), without creating it: for Outlook's prefilled meeting form.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id}.ics", async (string id, ClaimsPrincipal principal, IcsInviteCalendar store, CancellationToken cancellationToken) =>
            {
                var stored = await store.FindAsync(AppUser.From(principal), id, cancellationToken)
                    ?? throw ApiProblemException.NotFound("There is no invite with that id for you.");
                return Results.File(Encoding.UTF8.GetBytes(stored.Ics), "text/calendar; charset=utf-8", $"invite-{stored.Id}.ics");
            })
            .WithName("GetInviteIcs")
            .WithSummary("The demo invite as an iCalendar (RFC 5545) file; only its creator can fetch it.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <summary>The service names bad inputs by field; the caller hears them as the JSON paths they sent, with the field in "errors".</summary>
    private static async Task<T> Checked<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (InviteInputException bad)
        {
            var paths = bad.Fields.Select(f => FieldPath(f, bad.Index)).ToArray<object?>();
            var detail = string.Format(CultureInfo.InvariantCulture, bad.Problem, paths);
            throw ApiProblemException.BadRequest(detail, new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]> { [(string)paths[0]!] = [detail] },
            });
        }
    }

    private static string FieldPath(InviteField field, int? index) => field switch
    {
        InviteField.DurationMinutes => "durationMinutes",
        InviteField.TimeZone => "timeZone",
        InviteField.AttendeeTimeZone => "attendeeTimeZone",
        InviteField.WindowStart => "windowStart",
        InviteField.WindowEnd => "windowEnd",
        InviteField.SlotStart => "slot.start",
        InviteField.SlotEnd => "slot.end",
        InviteField.Subject => "subject",
        InviteField.Body => "body",
        InviteField.Attendee => $"attendees[{index}]",
        InviteField.AttendeeAddress => $"attendees[{index}].address",
        InviteField.AttendeeName => $"attendees[{index}].name",
        _ => field.ToString(),
    };

    private static SlotProposalQuery ToQuery(ProposalRequest request) => new(
        new InviteThreadRef(request.ConversationId, request.Messages, request.Me),
        ToAttendees(request.Attendees),
        request.DurationMinutes,
        request.WindowStart,
        request.WindowEnd,
        request.TimeZone,
        request.AttendeeTimeZone);

    private static InviteOrder ToOrder(CreateInviteRequest request, string? headerKey)
    {
        if (headerKey is not null && request.IdempotencyKey is not null && headerKey != request.IdempotencyKey)
        {
            throw ApiProblemException.BadRequest("The Idempotency-Key header and idempotencyKey differ; send one of them.");
        }

        return new InviteOrder(
            request.Slot?.Start,
            request.Slot?.End,
            new InviteThreadRef(request.ConversationId, request.Messages, request.Me),
            ToAttendees(request.Attendees),
            request.Subject,
            request.Body,
            headerKey ?? request.IdempotencyKey,
            request.TimeZone);
    }

    private static InviteAttendee[]? ToAttendees(IReadOnlyList<AttendeeDto>? attendees) =>
        attendees?.Select(a => new InviteAttendee(a?.Address, a?.Name)).ToArray();

    private static List<AttendeeDto> ToWire(IReadOnlyList<InviteAttendee> attendees) => [.. attendees.Select(a => new AttendeeDto(a.Address, a.Name))];

    private static ProposalResponse ToWire(SlotProposals proposals) => new(
        proposals.TimeZone,
        proposals.DurationMinutes,
        [.. proposals.Slots.Select(s => new SlotDto(s.Start, s.End, s.StartLocal, s.EndLocal, s.Label, s.SuitsAttendee))],
        ToWire(proposals.Attendees),
        proposals.Reason,
        proposals.Provider,
        proposals.WindowStart,
        proposals.WindowEnd);

    private static InviteResponse ToWire(BookedInvite invite) => new(
        invite.Id, invite.Subject, invite.Start, invite.End, invite.TimeZone, ToWire(invite.Attendees),
        invite.IcsUrl, invite.WebLink, invite.Provider, invite.BodyText, invite.IsOnlineMeeting);

    private static InvitePreview ToWire(InviteFormPreview preview) => new(
        preview.Subject, preview.Start, preview.End, preview.TimeZone, ToWire(preview.Attendees), preview.BodyText, preview.BodyHtml);
}
