using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using GhostAssist.Api.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Graph;
using Microsoft.Graph.Me.FindMeetingTimes;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace GhostAssist.Api.Invites;

/// <summary>
/// Microsoft 365 mode: slots from <c>POST /me/findMeetingTimes</c>, meetings from <c>POST /me/events</c>
/// (a Teams meeting when the calendar allows it) with a transactionId derived from the idempotency
/// key, so Graph itself drops a duplicate even when two API instances both post.
/// </summary>
public sealed class GraphInviteCalendar(IServiceProvider services, IDistributedCache cache, InviteLocks locks, ILogger<GraphInviteCalendar> logger)
    : IInviteCalendar
{
    private const int Candidates = 20;
    private static readonly TimeSpan Remember = TimeSpan.FromDays(2);

    public string Kind => "graph";

    private GraphServiceClient Graph => services.GetService<GraphServiceClient>()
        ?? throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Microsoft Graph is not available",
            "Invites run on Microsoft Graph in this configuration, but no Graph client is configured.");

    public async Task<SlotSearch> FindSlotsAsync(SlotQuery query, CancellationToken cancellationToken)
    {
        var zone = TimeZones.WindowsId(query.UserTime.Zone);
        var body = new FindMeetingTimesPostRequestBody
        {
            Attendees = query.Attendees.Select(a => new AttendeeBase
            {
                Type = AttendeeType.Required,
                EmailAddress = new EmailAddress { Address = a.Address, Name = a.Name },
            }).ToList(),
            TimeConstraint = new TimeConstraint
            {
                ActivityDomain = ActivityDomain.Work,
                TimeSlots = [new TimeSlot { Start = At(query.From, query.UserTime.Zone, zone), End = At(query.To, query.UserTime.Zone, zone) }],
            },
            MeetingDuration = query.Duration,
            MaxCandidates = Candidates,
            IsOrganizerOptional = false,
            ReturnSuggestionReasons = true,
        };

        MeetingTimeSuggestionsResult? result;
        try
        {
            result = await Graph.Me.FindMeetingTimes.PostAsync(body, request => request.Headers.Add("Prefer", $"outlook.timezone=\"{zone}\""), cancellationToken);
        }
        catch (ApiException e)
        {
            throw Problem(e, "look up free times");
        }

        // Graph knows the calendars; the house rules (the user's hours, the contact's day, never
        // the past, half-hour marks) still apply to what it suggests.
        var free = (result?.MeetingTimeSuggestions ?? [])
            .Select(s => s.MeetingTimeSlot)
            .Where(s => s?.Start is not null && s.End is not null)
            .Select(s => (Start: Instant(s!.Start!), End: Instant(s.End!)))
            .Where(s => s.Start >= query.From && s.End <= query.To && query.UserTime.ToLocal(s.Start).Minute % 30 == 0 && query.UserTime.Contains(s.Start, s.End))
            .Select(s => new FoundSlot(s.Start, s.End, query.AttendeeTime is null || query.AttendeeTime.Contains(s.Start, s.End)))
            .OrderBy(s => s.Start)
            .ToList();
        logger.LogInformation("Graph suggested {SuggestionCount} meeting times, {UsableCount} usable", result?.MeetingTimeSuggestions?.Count ?? 0, free.Count);
        return new SlotSearch(SlotFinder.Choose(free, query.UserTime), Clean(result?.EmptySuggestionsReason));
    }

    public async Task<CreatedInvite> CreateAsync(NewInvite invite, CancellationToken cancellationToken)
    {
        // One request per invite at a time in this instance; across instances Graph's transactionId holds.
        using var held = await locks.AcquireAsync(invite.Id, cancellationToken);
        var cacheKey = "ghostassist:invites:" + invite.Id;
        if (await RecallAsync(cacheKey, cancellationToken) is { } remembered
            && JsonSerializer.Deserialize<RememberedEvent>(remembered) is { } known)
        {
            if (invite.ExplicitKey && known.Fingerprint != invite.Fingerprint)
            {
                throw InviteIds.KeyReused();
            }

            if (await ReadEventAsync(known.EventId, cancellationToken) is { } existing)
            {
                logger.LogInformation("Replayed Graph invite {InviteId}", invite.Id);
                return ToCreated(invite.Id, existing, invite, replayed: true);
            }
        }

        var zone = TimeZones.WindowsId(invite.Zone);
        var teams = await AllowsTeamsAsync(cancellationToken);
        var meeting = new Event
        {
            Subject = invite.Text.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = invite.Text.BodyHtml },
            Start = At(invite.Start, invite.Zone, zone),
            End = At(invite.End, invite.Zone, zone),
            Attendees = invite.Attendees.Select(a => new Attendee
            {
                Type = AttendeeType.Required,
                EmailAddress = new EmailAddress { Address = a.Address, Name = a.Name },
            }).ToList(),
            AllowNewTimeProposals = true,
            ResponseRequested = true,
            TransactionId = invite.TransactionId,
        };
        if (teams)
        {
            meeting.IsOnlineMeeting = true;
            meeting.OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness;
        }

        Event created;
        try
        {
            created = await Graph.Me.Events.PostAsync(meeting, request => request.Headers.Add("Prefer", $"outlook.timezone=\"{zone}\""), cancellationToken)
                ?? throw new ApiProblemException(StatusCodes.Status502BadGateway, "Microsoft Graph failed", "Microsoft Graph created no event.");
        }
        catch (ApiException e)
        {
            throw Problem(e, "create the meeting");
        }

        if (created.Id is not null)
        {
            await RememberAsync(cacheKey, JsonSerializer.Serialize(new RememberedEvent(created.Id, invite.Fingerprint)), cancellationToken);
        }

        logger.LogInformation("Created Graph invite {InviteId} with {AttendeeCount} attendees, online meeting {Online}", invite.Id, invite.Attendees.Count, teams);
        return ToCreated(invite.Id, created, invite, replayed: false) with { BodyText = invite.Text.BodyText };
    }

    // The shared cache only saves Graph a round trip: while it is unreachable (Redis down) the invite
    // is still created once, by Graph's transactionId, so a failure is counted and logged, not answered.
    private async Task<string?> RecallAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetStringAsync(key, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SharedCacheFailed(e);
            return null;
        }
    }

    private async Task RememberAsync(string key, string value, CancellationToken cancellationToken)
    {
        try
        {
            await cache.SetStringAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remember }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SharedCacheFailed(e);
        }
    }

    private void SharedCacheFailed(Exception e)
    {
        Telemetry.RecordSharedCacheFailure("invites");
        // The type only: a Redis message can carry the server address.
        logger.LogWarning("The shared cache did not answer ({Error}); the invite goes on without it", e.GetType().Name);
    }

    private async Task<bool> AllowsTeamsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var calendar = await Graph.Me.Calendar.GetAsync(
                request => request.QueryParameters.Select = ["allowedOnlineMeetingProviders", "defaultOnlineMeetingProvider"], cancellationToken);
            return calendar?.AllowedOnlineMeetingProviders?.Contains(OnlineMeetingProviderType.TeamsForBusiness) == true;
        }
        catch (ApiException e)
        {
            throw Problem(e, "read the calendar");
        }
    }

    private async Task<Event?> ReadEventAsync(string eventId, CancellationToken cancellationToken)
    {
        try
        {
            return await Graph.Me.Events[eventId].GetAsync(
                request => request.QueryParameters.Select = ["subject", "start", "end", "attendees", "webLink", "bodyPreview", "isOnlineMeeting"], cancellationToken);
        }
        catch (Exception e) when (e is ApiException { ResponseStatusCode: StatusCodes.Status404NotFound }
            or ApiProblemException { Status: StatusCodes.Status404NotFound })
        {
            // Deleted in Outlook since: a new request may create it again. (The app's Graph client
            // turns a 404 into a problem itself; a bare SDK client throws its own exception.)
            return null;
        }
        catch (ApiException e)
        {
            throw Problem(e, "read the meeting");
        }
    }

    private static CreatedInvite ToCreated(string id, Event e, NewInvite invite, bool replayed) => new(
        id,
        e.Subject ?? invite.Text.Subject,
        e.Start is { } start ? Instant(start) : invite.Start,
        e.End is { } end ? Instant(end) : invite.End,
        e.Attendees is { Count: > 0 } people
            ? people.Where(p => p.EmailAddress?.Address is not null).Select(p => new IcsPerson(p.EmailAddress!.Address!, p.EmailAddress.Name)).ToList()
            : invite.Attendees,
        e.BodyPreview ?? invite.Text.BodyText,
        e.WebLink,
        e.IsOnlineMeeting,
        replayed);

    private static DateTimeTimeZone At(DateTimeOffset instant, TimeZoneInfo zone, string zoneName) => new()
    {
        DateTime = TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        TimeZone = zoneName,
    };

    private static DateTimeOffset Instant(DateTimeTimeZone value)
    {
        var local = DateTime.SpecifyKind(DateTime.Parse(value.DateTime ?? "", CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Unspecified);
        var zone = TimeZones.Find(value.TimeZone) ?? TimeZoneInfo.Utc;
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static string? Clean(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    /// <summary>Graph's status as a problem; only the error code is kept, its message may quote addresses.</summary>
    private ApiProblemException Problem(ApiException e, string what)
    {
        var code = (e as ODataError)?.Error?.Code;
        logger.LogWarning("Graph answered {Status} ({Code}) when asked to {What}", e.ResponseStatusCode, code, what);
        var extensions = new Dictionary<string, object?> { ["graphStatus"] = e.ResponseStatusCode, ["graphCode"] = code };
        return e.ResponseStatusCode switch
        {
            401 => new ApiProblemException(401, "Not signed in to Microsoft Graph", $"Microsoft Graph did not accept the sign-in when asked to {what}. Sign in again.", extensions),
            403 => new ApiProblemException(403, "Forbidden", $"Microsoft Graph refused to {what}: the calendar permission (Calendars.ReadWrite) is missing or was not granted for this mailbox.", extensions),
            404 => new ApiProblemException(404, "Not found", $"Microsoft Graph found no mailbox or calendar to {what}.", extensions),
            429 => new ApiProblemException(429, "Too many requests", $"Microsoft Graph is throttling this mailbox; it could not {what}. Try again in a moment.",
                new Dictionary<string, object?>(extensions) { ["retryAfter"] = RetryAfter(e) }),
            400 => ApiProblemException.Unprocessable($"Microsoft Graph refused to {what} ({code ?? "bad request"}). Check the attendees' addresses and the time.", extensions),
            _ => new ApiProblemException(502, "Microsoft Graph failed", $"Microsoft Graph answered {e.ResponseStatusCode} when asked to {what}.", extensions),
        };
    }

    private static string? RetryAfter(ApiException e) =>
        e.ResponseHeaders.TryGetValue("Retry-After", out var values) ? values.FirstOrDefault() : null;

    private sealed record RememberedEvent(string EventId, string Fingerprint);
}

/// <summary>Per-invite locks so a double click inside one instance posts once.</summary>
public sealed class InviteLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> AcquireAsync(string id, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    // Semaphores stay in the map: one per invite created by this instance, a few bytes each.
    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
