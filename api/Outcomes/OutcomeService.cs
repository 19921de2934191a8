using System.Security.Cryptography;
using System.Text;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Templates;
using Microsoft.EntityFrameworkCore;

namespace GhostAssist.Api.Outcomes;

/// <summary>
/// Counts tracked follow-ups as threads are read (the radar, a thread's analysis) and answers the
/// figures. Each message moves pending → recovered or missed at most once: the ledger row's state is
/// the guard, changed in the same transaction as the counts (see decision 0802).
/// </summary>
public sealed class OutcomeService(TemplatesDb db, TimeProvider time, ILogger<OutcomeService> logger)
{
    /// <summary>A team's figures show a rate only from this many sends on (fewer says little and can point at one person).</summary>
    public const int TeamMinimumSends = 5;

    public async Task<bool> IsTrackingOnAsync(AppUser user, CancellationToken cancellationToken) =>
        await db.OutcomeSettings.AsNoTracking()
            .Where(s => s.TenantId == user.TenantId && s.UserId == user.UserId)
            .Select(s => (bool?)s.Tracking)
            .FirstOrDefaultAsync(cancellationToken) ?? true;

    public async Task<bool> SetTrackingAsync(AppUser user, bool tracking, CancellationToken cancellationToken)
    {
        var setting = await db.OutcomeSettings.FirstOrDefaultAsync(s => s.TenantId == user.TenantId && s.UserId == user.UserId, cancellationToken);
        if (setting is null)
        {
            setting = new OutcomeSetting { TenantId = user.TenantId, UserId = user.UserId };
            db.OutcomeSettings.Add(setting);
        }

        setting.Tracking = tracking;
        setting.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first saves at once: the other one created the row; this choice is the later one.
            db.ChangeTracker.Clear();
            await db.OutcomeSettings.Where(s => s.TenantId == user.TenantId && s.UserId == user.UserId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Tracking, tracking).SetProperty(s => s.UpdatedAt, time.GetUtcNow()), cancellationToken);
        }

        return tracking;
    }

    /// <summary>The header value for a follow-up about to be saved, or null when the user turned tracking off.</summary>
    public async Task<string?> MarkerForAsync(AppUser user, string play, Guid? templateId, ThreadAnalysis analysis, CancellationToken cancellationToken) =>
        await IsTrackingOnAsync(user, cancellationToken)
            ? TrackingMarker.Format(play, analysis.Signals.MaxBy(s => s.Weight)?.Code, templateId)
            : null;

    /// <summary>
    /// Counts what the threads say about the user's tracked follow-ups. Never fails the read it rides on:
    /// a store problem is logged and the figures catch up on the next read.
    /// </summary>
    public async Task ObserveAsync(AppUser user, IReadOnlyList<(MailThread Thread, ThreadAnalysis Analysis)> threads, CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var tracked = threads.SelectMany(t => OutcomeReader.Read(t.Thread, t.Analysis, now)).DistinctBy(f => f.MessageId).ToList();
            if (tracked.Count == 0 || !await IsTrackingOnAsync(user, cancellationToken))
            {
                return;
            }

            var keys = tracked.ToDictionary(f => f.MessageId, f => LedgerKey(user, f.MessageId), StringComparer.Ordinal);
            var keyList = keys.Values.ToList();
            var known = await db.OutcomeLedger.AsNoTracking().Where(e => keyList.Contains(e.Key)).ToDictionaryAsync(e => e.Key, e => e.State, cancellationToken);
            var work = tracked.Where(f => known.GetValueOrDefault(keys[f.MessageId]) is not { } state
                || state == OutcomeStates.Pending && f.State != OutcomeStates.Pending).ToList();
            if (work.Count == 0)
            {
                return;
            }

            var teams = await TeamsOfTemplatesAsync(user, work, cancellationToken);
            var counted = 0;
            foreach (var followUp in work)
            {
                counted += await CountAsync(user, followUp, keys[followUp.MessageId], known.ContainsKey(keys[followUp.MessageId]), teams, cancellationToken) ? 1 : 0;
            }

            logger.LogInformation("Outcomes: {Tracked} tracked follow-ups read, {Counted} changes counted", tracked.Count, counted);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(e, "Outcomes could not be counted this time; the next read of the threads counts them");
        }
    }

    private async Task<bool> CountAsync(AppUser user, TrackedFollowUp followUp, string key, bool wasPending, IReadOnlyDictionary<string, string> teams, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int changed;
        if (wasPending)
        {
            var pending = OutcomeStates.Pending;
            changed = await db.Database.ExecuteSqlAsync(
                $"""UPDATE "OutcomeLedger" SET "State" = {followUp.State} WHERE "Key" = {key} AND "State" = {pending}""", cancellationToken);
        }
        else
        {
            changed = await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "OutcomeLedger" ("Key", "State") VALUES ({key}, {followUp.State}) ON CONFLICT ("Key") DO NOTHING""", cancellationToken);
        }

        if (changed == 0)
        {
            // Another request counted this message first.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var marker = followUp.Marker;
        var team = teams.GetValueOrDefault(marker.TemplateKey) ?? user.TenantId;
        var week = WeekOf(followUp.SentAt);
        var sent = wasPending ? 0 : 1;
        var recovered = followUp.State == OutcomeStates.Recovered ? 1 : 0;
        var meeting = recovered == 1 && followUp.ByMeeting ? 1 : 0;
        var missed = followUp.State == OutcomeStates.Missed ? 1 : 0;
        var day = followUp.Day ?? 0;
        int d1 = day == 1 ? 1 : 0, d2 = day == 2 ? 1 : 0, d3 = day == 3 ? 1 : 0, d4 = day == 4 ? 1 : 0, d5 = day == 5 ? 1 : 0, d6 = day == 6 ? 1 : 0, d7 = day == 7 ? 1 : 0;
        // The same upsert on SQLite and PostgreSQL: a row per key, incremented in the database.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "OutcomeCounts" ("TenantId", "TeamId", "UserId", "TemplateKey", "Play", "Situation", "Week",
                "Sent", "Recovered", "RecoveredByMeeting", "Missed", "Day1", "Day2", "Day3", "Day4", "Day5", "Day6", "Day7")
            VALUES ({user.TenantId}, {team}, {user.UserId}, {marker.TemplateKey}, {marker.Play}, {marker.Situation}, {week},
                {sent}, {recovered}, {meeting}, {missed}, {d1}, {d2}, {d3}, {d4}, {d5}, {d6}, {d7})
            ON CONFLICT ("TenantId", "TeamId", "UserId", "TemplateKey", "Play", "Situation", "Week") DO UPDATE SET
                "Sent" = "OutcomeCounts"."Sent" + excluded."Sent",
                "Recovered" = "OutcomeCounts"."Recovered" + excluded."Recovered",
                "RecoveredByMeeting" = "OutcomeCounts"."RecoveredByMeeting" + excluded."RecoveredByMeeting",
                "Missed" = "OutcomeCounts"."Missed" + excluded."Missed",
                "Day1" = "OutcomeCounts"."Day1" + excluded."Day1",
                "Day2" = "OutcomeCounts"."Day2" + excluded."Day2",
                "Day3" = "OutcomeCounts"."Day3" + excluded."Day3",
                "Day4" = "OutcomeCounts"."Day4" + excluded."Day4",
                "Day5" = "OutcomeCounts"."Day5" + excluded."Day5",
                "Day6" = "OutcomeCounts"."Day6" + excluded."Day6",
                "Day7" = "OutcomeCounts"."Day7" + excluded."Day7"
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Team templates count for their team; personal templates and none count for the tenant's team.</summary>
    private async Task<IReadOnlyDictionary<string, string>> TeamsOfTemplatesAsync(AppUser user, List<TrackedFollowUp> work, CancellationToken cancellationToken)
    {
        var ids = work.Select(f => f.Marker.TemplateKey).Where(k => k.Length > 0).Distinct().Select(Guid.Parse).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var teams = await db.Templates.AsNoTracking()
            .Where(t => t.TenantId == user.TenantId && ids.Contains(t.Id) && t.Scope == TemplateScopes.Team && t.TeamId != null)
            .Select(t => new { t.Id, t.TeamId })
            .ToListAsync(cancellationToken);
        return teams.ToDictionary(t => t.Id.ToString("N"), t => t.TeamId!);
    }

    public async Task<List<OutcomeCount>> MineAsync(AppUser user, CancellationToken cancellationToken) =>
        await db.OutcomeCounts.AsNoTracking().Where(c => c.TenantId == user.TenantId && c.UserId == user.UserId).ToListAsync(cancellationToken);

    public async Task<List<OutcomeCount>> TeamAsync(AppUser user, string team, CancellationToken cancellationToken)
    {
        var counts = db.OutcomeCounts.AsNoTracking().Where(c => c.TenantId == user.TenantId);
        // The tenant is everyone's team; a group team counts the follow-ups drafted from its templates.
        return await (team == user.TenantId ? counts : counts.Where(c => c.TeamId == team)).ToListAsync(cancellationToken);
    }

    /// <summary>Names of the team templates among the keys; personal templates stay private (never named to a lead).</summary>
    public async Task<Dictionary<string, string>> TeamTemplateNamesAsync(AppUser user, string team, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Where(k => k.Length > 0).Select(Guid.Parse).ToList();
        var names = await db.Templates.AsNoTracking()
            .Where(t => t.TenantId == user.TenantId && ids.Contains(t.Id) && t.Scope == TemplateScopes.Team && t.TeamId == team && t.DeletedAt == null)
            .Select(t => new { t.Id, t.Name })
            .ToListAsync(cancellationToken);
        return names.ToDictionary(t => t.Id.ToString("N"), t => t.Name);
    }

    internal static DateOnly WeekOf(DateTimeOffset sent)
    {
        var day = DateOnly.FromDateTime(sent.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    // One-way: the ledger proves "counted" without holding an id that could be looked up in the mailbox.
    private static string LedgerKey(AppUser user, string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.TenantId}\n{user.UserId}\n{messageId}")));
}
