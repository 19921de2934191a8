using System.Globalization;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using GhostAssist.Api.People;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Invites;

/// <summary>
/// The invite rules in one place: what a valid request is, whom to invite, which window and zone,
/// and what to say; the calendar (demo or Graph) only finds times and stores meetings.
/// </summary>
public sealed class InviteService(
    IInviteCalendar calendar,
    IInviteThreadReader threads,
    IMailboxSource mailbox,
    IOptions<InvitesOptions> options,
    TimeProvider time,
    ILogger<InviteService> logger)
{
    public const int MinMinutes = 15;
    public const int MaxMinutes = 240;
    public const int DefaultMinutes = 30;
    public const int MaxAttendees = 20;
    public const int MaxSubjectLength = 255;
    public const int MaxBodyLength = 8000;
    public const int MaxYearsAhead = 5;

    private InvitesOptions Options => options.Value;

    public async Task<SlotProposals> ProposeAsync(AppUser user, SlotProposalQuery request, CancellationToken cancellationToken)
    {
        var minutes = Duration(request.DurationMinutes ?? DefaultMinutes, InviteField.DurationMinutes);
        var userTime = Working(Zone(request.TimeZone, InviteField.TimeZone));
        var attendeeTime = request.AttendeeTimeZone is null ? null : Working(Zone(request.AttendeeTimeZone, InviteField.AttendeeTimeZone));
        var given = Attendees(request.Attendees);

        var now = time.GetUtcNow();
        var windowStart = request.WindowStart ?? now;
        WithinReach(windowStart, now, InviteField.WindowStart);
        var windowEnd = request.WindowEnd ?? userTime.EndOfBusinessDaysAfter(windowStart > now ? windowStart : now, Options.WindowBusinessDays);
        if (windowEnd <= windowStart)
        {
            throw new InviteInputException("{0} must be after {1}.", null, InviteField.WindowEnd, InviteField.WindowStart);
        }

        if (windowEnd <= now)
        {
            throw new InviteInputException("The window has already ended: give a {0} in the future, or leave it out for the next business days.", null, InviteField.WindowEnd);
        }

        // A window that began in the past only counts from now.
        if (windowEnd - (windowStart > now ? windowStart : now) > TimeSpan.FromDays(Options.MaxWindowDays))
        {
            throw ApiProblemException.BadRequest($"The window may span at most {Options.MaxWindowDays} days.");
        }

        var thread = await threads.ReadAsync(request.Thread.ConversationId, request.Thread.Messages, request.Thread.Me, cancellationToken);
        var attendees = WithDefault(given, thread);
        var earliest = now.AddMinutes(Options.MinimumNoticeMinutes);
        var from = windowStart > earliest ? windowStart : earliest;
        var duration = TimeSpan.FromMinutes(minutes);

        var search = from + duration > windowEnd
            ? new SlotSearch([])
            : await calendar.FindSlotsAsync(new SlotQuery(user, userTime, attendeeTime, from, windowEnd, duration, attendees), cancellationToken);
        logger.LogInformation("Proposed {SlotCount} slots on {Calendar} for {AttendeeCount} attendees", search.Slots.Count, calendar.Kind, attendees.Count);
        if (search.Slots.Count == 0)
        {
            throw NoFreeSlot(userTime, from, windowStart, windowEnd, minutes, search.EmptyReason);
        }

        var suitsBoth = attendeeTime is not null && search.Slots.All(s => s.SuitsAttendee);
        var reason = attendeeTime is null
            ? null
            : suitsBoth
                ? $"Inside your working hours and theirs ({City(attendeeTime.Zone)})."
                : $"No free time falls inside both working days in this window; these are inside your hours. Their local time ({City(attendeeTime.Zone)}) is shown with each.";
        return new SlotProposals(
            TimeZones.IanaId(userTime.Zone),
            minutes,
            search.Slots.Select(s => Slot(s, userTime, attendeeTime)).ToList(),
            attendees.Select(a => new InviteAttendee(a.Address, a.Name)).ToList(),
            reason,
            calendar.Kind,
            windowStart,
            windowEnd);
    }

    public async Task<BookedInvite> CreateAsync(AppUser user, InviteOrder request, CancellationToken cancellationToken)
    {
        var invite = await PrepareAsync(user, request, cancellationToken);
        var created = await calendar.CreateAsync(invite, cancellationToken);
        return new BookedInvite(
            created.Id,
            created.Subject,
            created.Start,
            created.End,
            TimeZones.IanaId(invite.Zone),
            created.Attendees.Select(a => new InviteAttendee(a.Address, a.Name)).ToList(),
            calendar.Kind == "ics" ? $"/api/invites/{created.Id}.ics" : null,
            created.WebLink,
            calendar.Kind,
            created.BodyText,
            created.IsOnlineMeeting,
            created.Replayed);
    }

    /// <summary>The invite a create would send, without sending it: what the pane prefills Outlook's meeting form with.</summary>
    public async Task<InviteFormPreview> PreviewAsync(AppUser user, InviteOrder request, CancellationToken cancellationToken)
    {
        var invite = await PrepareAsync(user, request, cancellationToken);
        return new InviteFormPreview(
            invite.Text.Subject,
            invite.Start,
            invite.End,
            TimeZones.IanaId(invite.Zone),
            invite.Attendees.Select(a => new InviteAttendee(a.Address, a.Name)).ToList(),
            invite.Text.BodyText,
            invite.Text.BodyHtml);
    }

    private async Task<NewInvite> PrepareAsync(AppUser user, InviteOrder request, CancellationToken cancellationToken)
    {
        if (request.Start is not { } start || request.End is not { } end)
        {
            throw new InviteInputException("{0} and {1} are required (ISO 8601 with an offset, e.g. 2026-11-24T10:00:00Z).", null, InviteField.SlotStart, InviteField.SlotEnd);
        }

        if (end <= start)
        {
            throw new InviteInputException("{0} must be after {1}.", null, InviteField.SlotEnd, InviteField.SlotStart);
        }

        var minutes = (end - start).TotalMinutes;
        if (minutes is < MinMinutes or > MaxMinutes)
        {
            throw ApiProblemException.BadRequest($"A meeting lasts {MinMinutes} to {MaxMinutes} minutes; this slot lasts {minutes:0} minutes.");
        }

        if (start < time.GetUtcNow())
        {
            throw ApiProblemException.Unprocessable("The slot has already started: ask for new proposals.");
        }

        WithinReach(start, time.GetUtcNow(), InviteField.SlotStart);

        var zone = Zone(request.TimeZone, InviteField.TimeZone);
        var given = Attendees(request.Attendees);
        var subject = Text(request.Subject, InviteField.Subject, MaxSubjectLength);
        var body = Text(request.Body, InviteField.Body, MaxBodyLength);
        var thread = await threads.ReadAsync(request.Thread.ConversationId, request.Thread.Messages, request.Thread.Me, cancellationToken);
        var attendees = WithDefault(given, thread);
        var organizerAddress = user.Email ?? await mailbox.GetMeAsync(cancellationToken);
        if (!EmailAddresses.IsValid(organizerAddress))
        {
            throw ApiProblemException.Unprocessable("The signed-in account has no mail address to send the invite from.");
        }

        var explicitKey = request.IdempotencyKey;
        var key = InviteIds.Key(explicitKey, thread?.ConversationId ?? request.Thread.ConversationId, start, end, attendees);
        var text = InviteContent.Compose(thread, attendees[0], user.Name, (int)minutes, subject, body);
        return new NewInvite(
            user,
            InviteIds.Id(user, key),
            InviteIds.TransactionId(user, key),
            InviteIds.Fingerprint(start, end, attendees, subject, body),
            explicitKey is not null,
            start.ToUniversalTime(),
            end.ToUniversalTime(),
            zone,
            new IcsPerson(organizerAddress, user.Name),
            attendees,
            text);
    }

    private ApiProblemException NoFreeSlot(WorkingTime user, DateTimeOffset from, DateTimeOffset windowStart, DateTimeOffset windowEnd, int minutes, string? calendarReason)
    {
        var wider = user.EndOfBusinessDaysAfter(windowEnd, Options.WindowBusinessDays);
        var suggestions = new List<string> { $"Widen the window: try a windowEnd of {wider.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)}." };
        if (minutes > MinMinutes)
        {
            suggestions.Add($"Shorten the meeting: {MinMinutes} minutes fits more gaps.");
        }

        suggestions.Add("Send the invite anyway with a time you choose (POST /api/invites with a slot); they can propose a new time.");
        string Local(DateTimeOffset instant) => user.ToLocal(instant).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        return ApiProblemException.Unprocessable(
            $"No free slot in the window: no {minutes}-minute time is free on a business day, {user.DayStart:HH\\:mm}–{user.DayEnd:HH\\:mm} {City(user.Zone)} time, between {Local(from)} and {Local(windowEnd)}"
            + (from > windowStart ? $" (nothing is proposed with less than {Options.MinimumNoticeMinutes} minutes' notice)." : "."),
            new Dictionary<string, object?>
            {
                ["windowStart"] = windowStart,
                ["windowEnd"] = windowEnd,
                ["suggestions"] = suggestions,
                ["calendarReason"] = calendarReason,
            });
    }

    private static ProposedSlot Slot(FoundSlot slot, WorkingTime user, WorkingTime? attendee)
    {
        var start = user.ToLocal(slot.Start);
        var end = user.ToLocal(slot.End);
        var label = $"{start.ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture)}–{end:HH:mm} {City(user.Zone)} time";
        if (attendee is not null)
        {
            var theirs = attendee.ToLocal(slot.Start);
            var theirEnd = attendee.ToLocal(slot.End);
            var day = theirs.Date == start.Date ? "" : theirs.ToString("ddd ", CultureInfo.InvariantCulture);
            label += $" ({day}{theirs:HH:mm}–{theirEnd:HH:mm} in {City(attendee.Zone)})";
        }

        return new ProposedSlot(
            slot.Start,
            slot.End,
            start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            end.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            label,
            attendee is null ? null : slot.SuitsAttendee);
    }

    private static string City(TimeZoneInfo zone)
    {
        var id = TimeZones.IanaId(zone);
        return id.Contains('/') ? id[(id.LastIndexOf('/') + 1)..].Replace('_', ' ') : id;
    }

    private WorkingTime Working(TimeZoneInfo zone) => new(zone, Options.WorkingHours.Start, Options.WorkingHours.End);

    private TimeZoneInfo Zone(string? requested, InviteField field)
    {
        var id = requested ?? Options.TimeZone;
        return TimeZones.Find(id)
            ?? throw new InviteInputException("{0} is not a time zone this server knows; use an IANA name such as Europe/London or America/New_York.", null, field);
    }

    // Farther than any real meeting; near year 9999 the business-day and .ics time zone arithmetic runs off the calendar.
    private static void WithinReach(DateTimeOffset instant, DateTimeOffset now, InviteField field)
    {
        if (instant > now.AddYears(MaxYearsAhead))
        {
            throw new InviteInputException("{0}" + $" is more than {MaxYearsAhead} years ahead; no meeting is planned that far out.", null, field);
        }
    }

    private static int Duration(int minutes, InviteField field) =>
        minutes is >= MinMinutes and <= MaxMinutes
            ? minutes
            : throw new InviteInputException("{0}" + $" must be between {MinMinutes} and {MaxMinutes} minutes; {minutes} was given.", null, field);

    private static string? Text(string? value, InviteField field, int max)
    {
        if (value is null)
        {
            return null;
        }

        // Direction overrides would make the subject read differently in the calendar than it was written.
        var trimmed = BidiControls.Strip(value).Trim();
        if (trimmed.Length == 0 || trimmed.Length > max)
        {
            throw new InviteInputException("{0}" + $", when given, must hold 1 to {max} characters.", null, field);
        }

        return trimmed;
    }

    private static List<IcsPerson> Attendees(IReadOnlyList<InviteAttendee>? attendees)
    {
        if (attendees is null)
        {
            return [];
        }

        if (attendees.Count > MaxAttendees)
        {
            throw ApiProblemException.BadRequest($"An invite may have at most {MaxAttendees} attendees.");
        }

        var people = new List<IcsPerson>();
        for (var i = 0; i < attendees.Count; i++)
        {
            var address = attendees[i]?.Address?.Trim();
            if (string.IsNullOrEmpty(address))
            {
                throw new InviteInputException("{0} has no address.", i, InviteField.Attendee);
            }

            if (!EmailAddresses.IsValid(address))
            {
                throw new InviteInputException("{0} is not a mail address.", i, InviteField.AttendeeAddress);
            }

            var name = attendees[i].Name is { } given ? BidiControls.Strip(given).Trim() : null;
            if (name is { Length: > 200 })
            {
                throw new InviteInputException("{0} is longer than 200 characters.", i, InviteField.AttendeeName);
            }

            if (!people.Any(p => string.Equals(p.Address, address, StringComparison.OrdinalIgnoreCase)))
            {
                people.Add(new IcsPerson(address, string.IsNullOrEmpty(name) ? null : name));
            }
        }

        return people;
    }

    private static List<IcsPerson> WithDefault(List<IcsPerson> given, InviteThread? thread)
    {
        if (given.Count > 0)
        {
            return given;
        }

        if (thread?.MainContact is { } contact && EmailAddresses.IsValid(contact.Address))
        {
            return [contact];
        }

        throw ApiProblemException.Unprocessable(thread is null
            ? "No attendee: give attendees[].address, or a thread (conversationId or messages) whose main contact has an address."
            : "No attendee: the thread has no contact on the other side with a mail address; give attendees[].address.");
    }
}
