using System.Text.Json;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Invites;

/// <summary>An .ics invite as kept in the store: who may fetch it, what it says, and the file itself.</summary>
public sealed record StoredInvite(
    string Id,
    string TenantId,
    string UserId,
    string Fingerprint,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    IReadOnlyList<IcsPerson> Attendees,
    string BodyText,
    DateTimeOffset CreatedAt,
    string Ics);

/// <summary>
/// Demo mode: slots come from the demo user's generated calendar, invites become .ics files kept in
/// the template store's database. The invite id (a hash of the user and the idempotency key) is the
/// primary key, so a double click, on one instance or two, ends with exactly one invite and never a
/// half-written one. Each user keeps at most Invites:MaxStoredPerUser; the oldest go first.
/// </summary>
public sealed class IcsInviteCalendar(InvitesDb db, IOptions<InvitesOptions> options, TimeProvider time, ILogger<IcsInviteCalendar> logger)
    : IInviteCalendar
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind => "ics";

    public Task<SlotSearch> FindSlotsAsync(SlotQuery query, CancellationToken cancellationToken)
    {
        var busy = DemoCalendar.Busy(query.UserTime, query.From, query.To);
        return Task.FromResult(new SlotSearch(SlotFinder.Find(query.UserTime, query.AttendeeTime, query.From, query.To, query.Duration, busy)));
    }

    public async Task<CreatedInvite> CreateAsync(NewInvite invite, CancellationToken cancellationToken)
    {
        if (await ReadAsync(invite.Id, cancellationToken) is { } existing)
        {
            return Replay(existing, invite);
        }

        var busy = DemoCalendar.Busy(new WorkingTime(invite.Zone, TimeOnly.MinValue, TimeOnly.MaxValue), invite.Start, invite.End);
        if (busy.FirstOrDefault(b => b.Start < invite.End && invite.Start < b.End) is { } clash)
        {
            throw ApiProblemException.Conflict(
                $"The slot is no longer free: it overlaps \"{clash.Label}\" in your calendar. Ask for new proposals.",
                new Dictionary<string, object?> { ["busyStart"] = clash.Start, ["busyEnd"] = clash.End });
        }

        var now = time.GetUtcNow();
        var ics = IcsWriter.Write(new IcsEvent(
            Uid: $"{invite.Id}@ghostassist.invites",
            Stamp: now,
            Start: invite.Start,
            End: invite.End,
            Zone: invite.Zone,
            Summary: invite.Text.Subject,
            Description: invite.Text.BodyText,
            Organizer: invite.Organizer,
            Attendees: invite.Attendees));
        var stored = new StoredInvite(invite.Id, invite.User.TenantId, invite.User.UserId, invite.Fingerprint, invite.Text.Subject,
            invite.Start, invite.End, TimeZones.IanaId(invite.Zone), invite.Attendees, invite.Text.BodyText, now, ics);

        db.Invites.Add(ToRecord(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The twin request (on this instance or another) inserted the same id first: answer with its invite.
            db.ChangeTracker.Clear();
            if (await ReadAsync(invite.Id, cancellationToken) is { } twin)
            {
                return Replay(twin, invite);
            }

            throw;
        }

        await PruneAsync(invite.User, invite.Id, cancellationToken);
        logger.LogInformation("Created .ics invite {InviteId} with {AttendeeCount} attendees", invite.Id, invite.Attendees.Count);
        return ToCreated(stored, replayed: false);
    }

    /// <summary>The stored invite when it exists and belongs to this user; another user's id reads as unknown.</summary>
    public async Task<StoredInvite?> FindAsync(AppUser user, string id, CancellationToken cancellationToken)
    {
        if (!InviteIds.IsWellFormed(id))
        {
            return null;
        }

        var stored = await ReadAsync(id, cancellationToken);
        return stored is not null && stored.TenantId == user.TenantId && stored.UserId == user.UserId ? stored : null;
    }

    /// <summary>How many invites this user has stored (the cap's measure).</summary>
    public Task<int> CountAsync(AppUser user, CancellationToken cancellationToken) =>
        db.Invites.CountAsync(i => i.TenantId == user.TenantId && i.UserId == user.UserId, cancellationToken);

    // Demo invites are throwaway files: past the cap the oldest are deleted rather than refusing new ones.
    private async Task PruneAsync(AppUser user, string newId, CancellationToken cancellationToken)
    {
        var keep = Math.Max(1, options.Value.MaxStoredPerUser);
        var mine = db.Invites.Where(i => i.TenantId == user.TenantId && i.UserId == user.UserId);
        if (await mine.CountAsync(cancellationToken) <= keep)
        {
            return;
        }

        // The newest by creation time (ties broken by id, and the one just created always kept).
        var kept = await mine.Where(i => i.Id != newId).OrderByDescending(i => i.CreatedAtMs).ThenBy(i => i.Id).Take(keep - 1).Select(i => i.Id).ToListAsync(cancellationToken);
        var removed = await mine.Where(i => !kept.Contains(i.Id) && i.Id != newId).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Removed {Removed} oldest .ics invites over the cap of {Cap}", removed, keep);
    }

    private CreatedInvite Replay(StoredInvite existing, NewInvite invite)
    {
        if (invite.ExplicitKey && existing.Fingerprint != invite.Fingerprint)
        {
            throw InviteIds.KeyReused();
        }

        logger.LogInformation("Replayed .ics invite {InviteId}", existing.Id);
        return ToCreated(existing, replayed: true);
    }

    private static CreatedInvite ToCreated(StoredInvite stored, bool replayed) =>
        new(stored.Id, stored.Subject, stored.Start, stored.End, stored.Attendees, stored.BodyText, WebLink: null, IsOnlineMeeting: null, replayed);

    private async Task<StoredInvite?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var record = await db.Invites.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return record is null
            ? null
            : new StoredInvite(record.Id, record.TenantId, record.UserId, record.Fingerprint, record.Subject, record.Start, record.End, record.TimeZone,
                JsonSerializer.Deserialize<List<IcsPerson>>(record.Attendees, Json) ?? [], record.BodyText, DateTimeOffset.FromUnixTimeMilliseconds(record.CreatedAtMs), record.Ics);
    }

    private static InviteRecord ToRecord(StoredInvite stored) => new()
    {
        Id = stored.Id,
        TenantId = stored.TenantId,
        UserId = stored.UserId,
        Fingerprint = stored.Fingerprint,
        Subject = stored.Subject,
        Start = stored.Start,
        End = stored.End,
        TimeZone = stored.TimeZone,
        Attendees = JsonSerializer.Serialize(stored.Attendees, Json),
        BodyText = stored.BodyText,
        CreatedAtMs = stored.CreatedAt.ToUnixTimeMilliseconds(),
        Ics = stored.Ics,
    };
}
