using System.Text.Json;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Invites;

/// <summary>An .ics invite as kept on disk: who may fetch it, what it says, and the file itself.</summary>
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
/// Demo mode: slots come from the demo user's generated calendar, invites become .ics files. Each
/// invite is one JSON file named by its id and written by an atomic rename, so a double click or two
/// instances sharing the folder end with exactly one invite and never a half-written file.
/// </summary>
public sealed class IcsInviteCalendar(IOptions<InvitesOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<IcsInviteCalendar> logger)
    : IInviteCalendar
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind => "ics";

    public string Folder => Path.GetFullPath(options.Value.Directory, environment.ContentRootPath);

    public Task<SlotSearch> FindSlotsAsync(SlotQuery query, CancellationToken cancellationToken)
    {
        var busy = DemoCalendar.Busy(query.UserTime, query.From, query.To);
        return Task.FromResult(new SlotSearch(SlotFinder.Find(query.UserTime, query.AttendeeTime, query.From, query.To, query.Duration, busy)));
    }

    public async Task<CreatedInvite> CreateAsync(NewInvite invite, CancellationToken cancellationToken)
    {
        var path = PathOf(invite.Id);
        if (await ReadAsync(path, cancellationToken) is { } existing)
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

        Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $"{invite.Id}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(stored, Json), cancellationToken);
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // The twin request won the rename: answer with its invite.
                return Replay(await ReadAsync(path, cancellationToken) ?? stored, invite);
            }
        }
        finally
        {
            File.Delete(temporary);
        }

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

        var stored = await ReadAsync(PathOf(id), cancellationToken);
        return stored is not null && stored.TenantId == user.TenantId && stored.UserId == user.UserId ? stored : null;
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

    private string PathOf(string id) => Path.Combine(Folder, id + ".json");

    private static async Task<StoredInvite?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<StoredInvite>(stream, Json, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
