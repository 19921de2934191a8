using GhostAssist.Api.Analysis;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Templates;

/// <summary>The state changes that differ only in the flag they set (publish also moves a personal template to a team).</summary>
public enum TemplateStateChange
{
    Publish,
    Unpublish,
    Archive,
    Unarchive,
}

/// <summary>
/// What a change to an existing template came to: saved (with the new version), or refused because the
/// caller's If-Match is stale (with what is current, for the 412 problem).
/// </summary>
public sealed record TemplateChange(Template Template, bool Stale);

/// <summary>
/// The template rules, If-Match concurrency and data access; <see cref="TemplatesApi"/> only binds
/// requests and maps what this returns to HTTP. Rule breaks throw <see cref="ApiProblemException"/>.
/// </summary>
public sealed class TemplateService(TemplatesDb db, TimeProvider clock, IOptions<TemplateOptions> options, ILogger<TemplateService> logger)
{
    private TemplateOptions Options => options.Value;

    public async Task<Template[]> ListAsync(AppUser user, string? kind, string? scope, string? tag, string? team, bool includeArchived, CancellationToken ct)
    {
        var query = db.Templates.AsNoTracking().VisibleTo(user);
        if (!string.IsNullOrWhiteSpace(kind))
        {
            var k = kind.Trim();
            query = query.Where(t => t.Kind == k);
        }

        if (!string.IsNullOrWhiteSpace(scope))
        {
            var s = scope.Trim().ToLowerInvariant();
            if (!TemplateScopes.All.Contains(s))
            {
                throw ApiProblemException.BadRequest("The scope filter must be \"personal\" or \"team\".");
            }

            query = query.Where(t => t.Scope == s);
        }

        if (!string.IsNullOrWhiteSpace(tag))
        {
            var tg = tag.Trim().ToLowerInvariant();
            query = query.Where(t => t.Tags.Contains(tg));
        }

        if (!string.IsNullOrWhiteSpace(team))
        {
            var teamId = team.Trim();
            query = query.Where(t => t.TeamId == teamId);
        }

        if (!includeArchived)
        {
            query = query.Where(t => !t.Archived);
        }

        return [.. await query.OrderBy(t => t.NormalizedName).ThenBy(t => t.Id).ToListAsync(ct)];
    }

    public Task<Template> GetAsync(Guid id, AppUser user, CancellationToken ct) => FindAsync(db.Templates.AsNoTracking(), id, user, ct);

    public async Task<Template> CreateAsync(AppUser user, CreateTemplateRequest request, CancellationToken ct)
    {
        var scope = string.IsNullOrWhiteSpace(request.Scope) ? TemplateScopes.Personal : request.Scope.Trim().ToLowerInvariant();
        if (!TemplateScopes.All.Contains(scope))
        {
            throw ApiProblemException.BadRequest("The scope must be \"personal\" or \"team\".");
        }

        string? teamId = null;
        if (scope == TemplateScopes.Team)
        {
            TemplateRules.RequireTeamLead(user, "create team templates");
            teamId = TemplateRules.ResolveTeam(user, request.Team);
        }

        var content = TemplateRules.Validate(request.Name, request.Kind, request.Subject, request.Body, request.Tags, Options);
        var scopeKey = teamId is null ? TemplateRules.PersonalKey(user.UserId) : TemplateRules.TeamKey(teamId);
        await RequireRoomAsync(user.TenantId, scopeKey, 1, ct);
        await RequireUniqueNameAsync(user.TenantId, scopeKey, content.Name, null, ct);

        var template = NewTemplate(user, scope, teamId, scopeKey, content, published: scope == TemplateScopes.Team && request.Published == true, archived: false, clock.GetUtcNow());
        db.Templates.Add(template);
        db.TemplateVersions.Add(TemplateVersion.Of(template, "created"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index caught a concurrent create of the same name.
            db.ChangeTracker.Clear();
            await RequireUniqueNameAsync(user.TenantId, scopeKey, content.Name, null, ct);
            throw;
        }

        logger.LogInformation("Template {TemplateId} created ({Scope})", template.Id, scope);
        return template;
    }

    public Task<TemplateChange> UpdateAsync(Guid id, string? ifMatch, AppUser user, UpdateTemplateRequest request, CancellationToken ct) =>
        ChangeAsync(id, ifMatch, user, "updated", async template =>
        {
            var content = TemplateRules.Validate(request.Name, request.Kind, request.Subject, request.Body, request.Tags, Options);
            await RequireUniqueNameAsync(template.TenantId, template.ScopeKey, content.Name, template.Id, ct);
            Apply(template, content);
        }, ct);

    public Task<TemplateChange> DeleteAsync(Guid id, string? ifMatch, AppUser user, CancellationToken ct) =>
        ChangeAsync(id, ifMatch, user, "deleted", template =>
        {
            template.DeletedAt = clock.GetUtcNow();
            return Task.CompletedTask;
        }, ct);

    public Task<TemplateChange> RestoreAsync(Guid id, int version, string? ifMatch, AppUser user, CancellationToken ct) =>
        ChangeAsync(id, ifMatch, user, $"restored version {version}", async template =>
        {
            var old = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.TemplateId == template.Id && v.Version == version, ct)
                ?? throw ApiProblemException.NotFound($"This template has no version {version}.");
            await RequireUniqueNameAsync(template.TenantId, template.ScopeKey, old.Name, template.Id, ct);
            Apply(template, new TemplateRules.Content(old.Name, old.Kind, old.Subject, old.Body, [.. old.Tags]));
        }, ct);

    /// <summary>Publish, unpublish, archive, unarchive: one path. <paramref name="team"/> is only read by a publish of a personal template.</summary>
    public Task<TemplateChange> ChangeStateAsync(Guid id, TemplateStateChange change, string? ifMatch, AppUser user, string? team, CancellationToken ct) =>
        ChangeAsync(id, ifMatch, user, change switch
        {
            TemplateStateChange.Publish => "published",
            TemplateStateChange.Unpublish => "unpublished",
            TemplateStateChange.Archive => "archived",
            _ => "unarchived",
        }, async template =>
        {
            switch (change)
            {
                case TemplateStateChange.Publish:
                    await PublishAsync(template, user, team, ct);
                    break;
                case TemplateStateChange.Unpublish:
                    if (template.Scope != TemplateScopes.Team)
                    {
                        throw ApiProblemException.Unprocessable("Only a team template can be unpublished; a personal template is never shared.");
                    }

                    template.Published = false;
                    break;
                default:
                    template.Archived = change == TemplateStateChange.Archive;
                    break;
            }
        }, ct);

    public async Task<TemplateVersion[]> VersionsAsync(Guid id, AppUser user, CancellationToken ct)
    {
        var template = await FindAsync(db.Templates.AsNoTracking(), id, user, ct);
        return [.. await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == template.Id).OrderByDescending(v => v.Version).ToListAsync(ct)];
    }

    public async Task<RenderTemplateResponse> RenderAsync(
        Guid id, AppUser user, RenderTemplateRequest? request, ThreadResolver threads, ThreadAnalysisService analysis, CancellationToken ct)
    {
        var template = await FindAsync(db.Templates.AsNoTracking(), id, user, ct);
        var values = TemplateVariables.FromUser(user, clock.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(request?.ConversationId))
        {
            var thread = await threads.ByIdAsync(request.ConversationId, ct);
            values = TemplateVariables.FromThread(analysis.Analyze(thread, ct), user, clock.GetUtcNow());
        }

        var unknown = (request?.Values?.Keys ?? []).Where(k => !TemplateVariables.IsKnown(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw ApiProblemException.BadRequest(
                $"Unknown variable{(unknown.Length > 1 ? "s" : string.Empty)} in values: {string.Join(", ", unknown)}.",
                new Dictionary<string, object?> { ["unknownVariables"] = unknown });
        }

        var tooLong = (request?.Values ?? new Dictionary<string, string?>()).Where(v => v.Value is { } text && text.Trim().Length > Options.MaxValueLength).Select(v => v.Key).ToArray();
        if (tooLong.Length > 0)
        {
            throw ApiProblemException.Unprocessable(
                $"A value may hold at most {Options.MaxValueLength:N0} characters; too long: {string.Join(", ", tooLong)}.",
                new Dictionary<string, object?> { ["maxValueLength"] = Options.MaxValueLength, ["tooLong"] = tooLong });
        }

        foreach (var (name, value) in request?.Values ?? new Dictionary<string, string?>())
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                values.Remove(name);
            }
            else
            {
                values[name] = value.Trim();
            }
        }

        var rendered = TemplateVariables.Render(template.Subject, template.Body, values, Options.MaxRenderedLength);
        return new RenderTemplateResponse(template.Id, template.Version, template.Kind, rendered.Subject, rendered.BodyText, rendered.BodyHtml, rendered.Missing, rendered.Warnings);
    }

    public async Task<TemplateUsageDto> CountUsageAsync(Guid id, AppUser user, string? usageEvent, CancellationToken ct)
    {
        var visible = db.Templates.VisibleTo(user).Where(t => t.Id == id);
        // Counted in the database: usage never bumps the version, so it never makes an editor's ETag stale.
        var updated = usageEvent?.Trim().ToLowerInvariant() switch
        {
            "used" => await visible.ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedCount, t => t.UsedCount + 1), ct),
            "inserted" => await visible.ExecuteUpdateAsync(s => s.SetProperty(t => t.InsertedCount, t => t.InsertedCount + 1), ct),
            _ => throw ApiProblemException.BadRequest("The event must be \"used\" or \"inserted\"."),
        };
        if (updated == 0)
        {
            throw NotFound();
        }

        return await db.Templates.AsNoTracking().Where(t => t.Id == id).Select(t => new TemplateUsageDto(t.UsedCount, t.InsertedCount)).FirstAsync(ct);
    }

    public async Task<TemplateLibrary> ExportAsync(AppUser user, string? team, CancellationToken ct)
    {
        TemplateRules.RequireTeamLead(user, "export the team's library");
        var teamId = TemplateRules.ResolveTeam(user, team);
        var scopeKey = TemplateRules.TeamKey(teamId);
        var templates = await db.Templates.AsNoTracking()
            .Where(t => t.TenantId == user.TenantId && t.ScopeKey == scopeKey && t.DeletedAt == null)
            .OrderBy(t => t.NormalizedName)
            .ToListAsync(ct);
        return new TemplateLibrary(
            "ghostassist-templates", 1, teamId, clock.GetUtcNow(),
            templates.Select(t => new LibraryTemplate(t.Name, t.Kind, t.Subject, t.Body, t.Tags, t.Published, t.Archived)).ToArray());
    }

    public async Task<ImportResult> ImportAsync(AppUser user, TemplateLibrary library, string? team, CancellationToken ct)
    {
        TemplateRules.RequireTeamLead(user, "import a library into the team");
        var teamId = TemplateRules.ResolveTeam(user, team);
        var scopeKey = TemplateRules.TeamKey(teamId);
        var entries = library.Templates ?? throw ApiProblemException.BadRequest("The library has no \"templates\" array.");
        if (entries.Count > Options.MaxTemplatesPerTeam)
        {
            throw ApiProblemException.Unprocessable($"A library can hold up to {Options.MaxTemplatesPerTeam} templates; this one has {entries.Count}.");
        }

        // Everything is checked before anything is written: an import is all or nothing.
        var errors = new List<object>();
        var contents = new List<(int Index, TemplateRules.Content Content, LibraryTemplate Entry)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            try
            {
                contents.Add((i, TemplateRules.Validate(entry?.Name, entry?.Kind, entry?.Subject, entry?.Body, entry?.Tags, Options), entry!));
            }
            catch (ApiProblemException problem)
            {
                errors.Add(new { index = i, name = entry?.Name, detail = problem.Detail });
            }
        }

        if (errors.Count > 0)
        {
            throw ApiProblemException.Unprocessable(
                $"{errors.Count} of the {entries.Count} templates are not valid; nothing was imported.",
                new Dictionary<string, object?> { ["errors"] = errors });
        }

        var existing = await db.Templates.AsNoTracking()
            .Where(t => t.TenantId == user.TenantId && t.ScopeKey == scopeKey && t.DeletedAt == null)
            .Select(t => new { t.Id, t.NormalizedName })
            .ToListAsync(ct);
        var taken = existing.ToDictionary(t => t.NormalizedName, t => (Guid?)t.Id);
        var duplicates = new List<ImportDuplicate>();
        var toAdd = new List<Template>();
        var now = clock.GetUtcNow();
        foreach (var (index, content, entry) in contents)
        {
            var normalized = TemplateRules.Normalize(content.Name);
            if (taken.TryGetValue(normalized, out var existingId))
            {
                duplicates.Add(new ImportDuplicate(index, content.Name, existingId));
                continue;
            }

            var template = NewTemplate(user, TemplateScopes.Team, teamId, scopeKey, content, published: entry.Published == true, archived: entry.Archived == true, now);
            taken[normalized] = template.Id;
            toAdd.Add(template);
        }

        await RequireRoomAsync(user.TenantId, scopeKey, toAdd.Count, ct);
        db.Templates.AddRange(toAdd);
        db.TemplateVersions.AddRange(toAdd.Select(t => TemplateVersion.Of(t, "imported")));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw ApiProblemException.Conflict("The team's library changed during the import (a name was taken meanwhile); nothing was imported. Try again.");
        }

        logger.LogInformation("Imported {Imported} templates, {Duplicates} duplicates skipped", toAdd.Count, duplicates.Count);
        return new ImportResult(toAdd.Select(t => TemplateDto.From(t, true)).ToArray(), duplicates);
    }

    internal static async Task<Template> FindAsync(IQueryable<Template> templates, Guid id, AppUser user, CancellationToken ct) =>
        await templates.VisibleTo(user).FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFound();

    /// <summary>
    /// The one write path for existing templates: If-Match, rights, the change, a new version row and the
    /// version bump saved together. A concurrent writer makes the version check in the UPDATE (or the
    /// version row's key) fail, and the caller learns it is stale, with what is current.
    /// </summary>
    private async Task<TemplateChange> ChangeAsync(Guid id, string? ifMatch, AppUser user, string change, Func<Template, Task> apply, CancellationToken ct)
    {
        var expected = ReadIfMatch(ifMatch);
        var template = await FindAsync(db.Templates, id, user, ct);
        TemplateRules.RequireEdit(template, user);
        if (template.Version != expected)
        {
            return new TemplateChange(template, Stale: true);
        }

        await apply(template);
        template.Version = expected + 1;
        template.UpdatedAt = clock.GetUtcNow();
        template.UpdatedById = user.UserId;
        template.UpdatedBy = user.Name;
        db.TemplateVersions.Add(TemplateVersion.Of(template, change));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await FindAsync(db.Templates.AsNoTracking(), id, user, ct);
            if (current.Version != expected)
            {
                return new TemplateChange(current, Stale: true);
            }

            await RequireUniqueNameAsync(current.TenantId, template.ScopeKey, template.Name, current.Id, ct);
            throw;
        }

        return new TemplateChange(template, Stale: false);
    }

    private async Task PublishAsync(Template template, AppUser user, string? team, CancellationToken ct)
    {
        TemplateRules.RequireTeamLead(user, "publish templates to a team");
        if (template.Scope == TemplateScopes.Personal)
        {
            var teamId = TemplateRules.ResolveTeam(user, team);
            var scopeKey = TemplateRules.TeamKey(teamId);
            await RequireRoomAsync(template.TenantId, scopeKey, 1, ct);
            await RequireUniqueNameAsync(template.TenantId, scopeKey, template.Name, template.Id, ct);
            template.Scope = TemplateScopes.Team;
            template.TeamId = teamId;
            template.ScopeKey = scopeKey;
        }

        template.Published = true;
    }

    private static int ReadIfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new ApiProblemException(StatusCodes.Status428PreconditionRequired, "Precondition required",
                "Changing a template needs an If-Match header with its ETag (from GET /api/templates/{id}), so that no one else's edit is overwritten.");
        }

        return TemplateETag.Parse(header)
            ?? throw ApiProblemException.BadRequest("If-Match must be one template ETag, such as \"3\", as returned by this API.");
    }

    /// <summary>A new template at version 1, created and last changed by <paramref name="user"/> (create and import share it).</summary>
    private static Template NewTemplate(AppUser user, string scope, string? teamId, string scopeKey, TemplateRules.Content content, bool published, bool archived, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = user.TenantId,
        Scope = scope,
        TeamId = teamId,
        OwnerId = user.UserId,
        OwnerName = user.Name,
        ScopeKey = scopeKey,
        Name = content.Name,
        NormalizedName = TemplateRules.Normalize(content.Name),
        Kind = content.Kind,
        Subject = content.Subject,
        Body = content.Body,
        Tags = content.Tags,
        Published = published,
        Archived = archived,
        Version = 1,
        CreatedAt = now,
        CreatedBy = user.Name,
        UpdatedAt = now,
        UpdatedById = user.UserId,
        UpdatedBy = user.Name,
    };

    // The same answer for "no such template" and "someone else's": existence is not revealed.
    private static ApiProblemException NotFound() => ApiProblemException.NotFound("There is no template with this id that you can see.");

    private async Task RequireRoomAsync(string tenantId, string scopeKey, int adding, CancellationToken ct)
    {
        var count = await db.Templates.CountAsync(t => t.TenantId == tenantId && t.ScopeKey == scopeKey && t.DeletedAt == null, ct);
        if (count + adding > Options.MaxTemplatesPerTeam)
        {
            throw ApiProblemException.Conflict(
                $"A {(scopeKey.StartsWith("team:", StringComparison.Ordinal) ? "team" : "user")} can have up to {Options.MaxTemplatesPerTeam} templates; there are {count}{(adding > 1 ? $" and this adds {adding}" : string.Empty)}. Delete or archive some first.",
                new Dictionary<string, object?> { ["limit"] = Options.MaxTemplatesPerTeam, ["count"] = count });
        }
    }

    private async Task RequireUniqueNameAsync(string tenantId, string scopeKey, string name, Guid? except, CancellationToken ct)
    {
        var normalized = TemplateRules.Normalize(name);
        var other = await db.Templates.AsNoTracking()
            .Where(t => t.TenantId == tenantId && t.ScopeKey == scopeKey && t.DeletedAt == null && t.NormalizedName == normalized && t.Id != except)
            .Select(t => (Guid?)t.Id)
            .FirstOrDefaultAsync(ct);
        if (other is not null)
        {
            throw ApiProblemException.Conflict(
                $"There is already a template named \"{name}\" here; choose another name.",
                new Dictionary<string, object?> { ["existingId"] = other });
        }
    }

    private static void Apply(Template template, TemplateRules.Content content)
    {
        template.Name = content.Name;
        template.NormalizedName = TemplateRules.Normalize(content.Name);
        template.Kind = content.Kind;
        template.Subject = content.Subject;
        template.Body = content.Body;
        template.Tags = content.Tags;
    }
}
