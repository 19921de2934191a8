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
                TypedResults.Ok(await invites.ProposeAsync(AppUser.From(principal), request ?? new ProposalRequest(), cancellationToken)))
            .WithName("ProposeInviteSlots")
            .WithSummary("Up to three meeting times inside working hours (and the contact's, when attendeeTimeZone is given).")
            .WithDescription("Attendees default to the thread's main contact, the duration to 30 minutes (15–240), the window to the rest of today and the next 5 business days. No free slot is a 422 problem with suggestions, never an empty list.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/", async (CreateInviteRequest? request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
                ClaimsPrincipal principal, InviteService invites, CancellationToken cancellationToken) =>
            {
                var (invite, replayed) = await invites.CreateAsync(AppUser.From(principal), request ?? new CreateInviteRequest(null), idempotencyKey, cancellationToken);
                return replayed
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
                TypedResults.Ok(await invites.PreviewAsync(AppUser.From(principal), request ?? new CreateInviteRequest(null), cancellationToken)))
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
}
