using System.Security.Claims;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GhostAssist.Api.Templates;

/// <summary>
/// /api/templates. Every change needs If-Match with the template's ETag: none → 428, stale → 412 with
/// the current template in the problem's "current" member (and its ETag in the ETag header).
/// </summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/templates").WithTags("Templates");

        group.MapGet("/variables", () => TypedResults.Ok(TemplateVariables.All.Select(v => new TemplateVariableDto(v.Name, $"{{{{{v.Name}}}}}", v.Description, v.Example))))
            .WithSummary("The variables a template may use, written {{name}}.");

        group.MapGet("/", List).WithSummary("Templates the caller can see: their personal ones and their teams' (members: published only). Filters: kind, scope, tag, team, includeArchived.");
        group.MapPost("/", Create).WithSummary("Create a template (201, Location, ETag). Team templates: team leads only.")
            .Produces<TemplateDto>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
        group.MapGet("/export", Export).WithSummary("A team's library as JSON (team leads); ?team= an Entra group id, default the tenant's team.").Produces<TemplateLibrary>().ProducesProblem(403);
        group.MapPost("/import", Import).WithSummary("Import a library into a team (team leads; ?team= as for export): all or nothing; names the team already has are reported as duplicates, not doubled.")
            .Produces<ImportResult>().ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);

        group.MapGet("/{id:guid}", Get).WithSummary("One template, with its ETag.").Produces<TemplateDto>().ProducesProblem(404);
        group.MapPut("/{id:guid}", Update).WithSummary("Replace a template's content (If-Match required). The previous version is kept.")
            .Produces<TemplateDto>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422).ProducesProblem(428);
        group.MapDelete("/{id:guid}", Delete).WithSummary("Delete a template (If-Match required). Its versions are kept in the store.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        group.MapGet("/{id:guid}/versions", Versions).WithSummary("Every version of a template, newest first.").Produces<TemplateVersionDto[]>().ProducesProblem(404);
        group.MapPost("/{id:guid}/versions/{version:int}/restore", Restore).WithSummary("Make an earlier version's content current again, as a new version (If-Match required).")
            .Produces<TemplateDto>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id:guid}/publish", Publish).WithSummary("Share with the team (team leads; If-Match required). A personal template becomes a team template of ?team= (default: the tenant).")
            .Produces<TemplateDto>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id:guid}/unpublish", (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock, CancellationToken ct) =>
                SetState(id, ifMatch, principal, http, db, clock, "unpublished", t => RequireTeamTemplate(t, p => p.Published = false), ct))
            .WithSummary("Hide a team template from members again (team leads; If-Match required).").Produces<TemplateDto>().ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id:guid}/archive", (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock, CancellationToken ct) =>
                SetState(id, ifMatch, principal, http, db, clock, "archived", t => t.Archived = true, ct))
            .WithSummary("Archive (hidden from lists unless includeArchived=true; If-Match required).").Produces<TemplateDto>().ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id:guid}/unarchive", (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock, CancellationToken ct) =>
                SetState(id, ifMatch, principal, http, db, clock, "unarchived", t => t.Archived = false, ct))
            .WithSummary("Bring an archived template back (If-Match required).").Produces<TemplateDto>().ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id:guid}/render", Render).WithSummary("Render with a conversation's facts (conversationId) and/or explicit values (they win); a missing value shows as a visible placeholder with a warning.")
            .Produces<RenderTemplateResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        group.MapPost("/{id:guid}/usage", Usage).WithSummary("Count a use: {\"event\": \"used\"} or {\"event\": \"inserted\"}.").Produces<TemplateUsageDto>().ProducesProblem(400).ProducesProblem(404);
        return group;
    }

    private static async Task<Ok<TemplateDto[]>> List(
        ClaimsPrincipal principal, TemplatesDb db, string? kind, string? scope, string? tag, string? team, bool? includeArchived, CancellationToken ct)
    {
        var user = AppUser.From(principal);
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

        if (includeArchived != true)
        {
            query = query.Where(t => !t.Archived);
        }

        var templates = await query.OrderBy(t => t.NormalizedName).ThenBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(templates.Select(t => TemplateDto.From(t, TemplateRules.CanEdit(t, user))).ToArray());
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        var template = await FindAsync(db.Templates.AsNoTracking(), id, user, ct);
        http.Response.Headers.ETag = TemplateETag.Format(template.Version);
        return TypedResults.Ok(TemplateDto.From(template, TemplateRules.CanEdit(template, user)));
    }

    private static async Task<IResult> Create(
        CreateTemplateRequest request, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock,
        IOptions<TemplateOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var user = AppUser.From(principal);
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

        var content = TemplateRules.Validate(request.Name, request.Kind, request.Subject, request.Body, request.Tags, options.Value);
        var scopeKey = teamId is null ? TemplateRules.PersonalKey(user.UserId) : TemplateRules.TeamKey(teamId);
        await RequireRoomAsync(db, user.TenantId, scopeKey, 1, options.Value, ct);
        await RequireUniqueNameAsync(db, user.TenantId, scopeKey, content.Name, null, ct);

        var now = clock.GetUtcNow();
        var template = NewTemplate(user, scope, teamId, scopeKey, content, published: scope == TemplateScopes.Team && request.Published == true, archived: false, now);
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
            await RequireUniqueNameAsync(db, user.TenantId, scopeKey, content.Name, null, ct);
            throw;
        }

        loggers.CreateLogger(typeof(TemplatesApi)).LogInformation("Template {TemplateId} created ({Scope})", template.Id, scope);
        http.Response.Headers.ETag = TemplateETag.Format(template.Version);
        return TypedResults.Created($"/api/templates/{template.Id}", TemplateDto.From(template, true));
    }

    private static Task<IResult> Update(
        Guid id, UpdateTemplateRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock,
        IOptions<TemplateOptions> options, CancellationToken ct) =>
        MutateAsync(id, ifMatch, principal, http, db, clock, "updated", async (template, user) =>
        {
            var content = TemplateRules.Validate(request.Name, request.Kind, request.Subject, request.Body, request.Tags, options.Value);
            await RequireUniqueNameAsync(db, template.TenantId, template.ScopeKey, content.Name, template.Id, ct);
            Apply(template, content);
        }, ct);

    private static async Task<IResult> Delete(Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock, CancellationToken ct)
    {
        var result = await MutateAsync(id, ifMatch, principal, http, db, clock, "deleted", (template, _) =>
        {
            template.DeletedAt = clock.GetUtcNow();
            return Task.CompletedTask;
        }, ct);
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            http.Response.Headers.Remove(HeaderNames.ETag);
            return TypedResults.NoContent();
        }

        return result;
    }

    private static async Task<IResult> Versions(Guid id, ClaimsPrincipal principal, TemplatesDb db, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        var template = await FindAsync(db.Templates.AsNoTracking(), id, user, ct);
        var versions = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == template.Id).OrderByDescending(v => v.Version).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(TemplateVersionDto.From).ToArray());
    }

    private static Task<IResult> Restore(
        Guid id, int version, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock, CancellationToken ct) =>
        MutateAsync(id, ifMatch, principal, http, db, clock, $"restored version {version}", async (template, _) =>
        {
            var old = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.TemplateId == template.Id && v.Version == version, ct)
                ?? throw ApiProblemException.NotFound($"This template has no version {version}.");
            await RequireUniqueNameAsync(db, template.TenantId, template.ScopeKey, old.Name, template.Id, ct);
            Apply(template, new TemplateRules.Content(old.Name, old.Kind, old.Subject, old.Body, [.. old.Tags]));
        }, ct);

    private static Task<IResult> Publish(
        Guid id, string? team, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock,
        IOptions<TemplateOptions> options, CancellationToken ct) =>
        MutateAsync(id, ifMatch, principal, http, db, clock, "published", async (template, user) =>
        {
            TemplateRules.RequireTeamLead(user, "publish templates to a team");
            if (template.Scope == TemplateScopes.Personal)
            {
                var teamId = TemplateRules.ResolveTeam(user, team);
                var scopeKey = TemplateRules.TeamKey(teamId);
                await RequireRoomAsync(db, template.TenantId, scopeKey, 1, options.Value, ct);
                await RequireUniqueNameAsync(db, template.TenantId, scopeKey, template.Name, template.Id, ct);
                template.Scope = TemplateScopes.Team;
                template.TeamId = teamId;
                template.ScopeKey = scopeKey;
            }

            template.Published = true;
        }, ct);

    private static Task<IResult> SetState(
        Guid id, string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock, string change, Action<Template> apply, CancellationToken ct) =>
        MutateAsync(id, ifMatch, principal, http, db, clock, change, (template, _) =>
        {
            apply(template);
            return Task.CompletedTask;
        }, ct);

    private static void RequireTeamTemplate(Template template, Action<Template> apply)
    {
        if (template.Scope != TemplateScopes.Team)
        {
            throw ApiProblemException.Unprocessable("Only a team template can be unpublished; a personal template is never shared.");
        }

        apply(template);
    }

    private static async Task<IResult> Render(
        Guid id, RenderTemplateRequest? request, ClaimsPrincipal principal, TemplatesDb db, ThreadResolver threads, ThreadAnalysisService analysis,
        TimeProvider clock, IOptions<TemplateOptions> options, CancellationToken ct)
    {
        var user = AppUser.From(principal);
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

        var tooLong = (request?.Values ?? new Dictionary<string, string?>()).Where(v => v.Value is { } text && text.Trim().Length > options.Value.MaxValueLength).Select(v => v.Key).ToArray();
        if (tooLong.Length > 0)
        {
            throw ApiProblemException.Unprocessable(
                $"A value may hold at most {options.Value.MaxValueLength:N0} characters; too long: {string.Join(", ", tooLong)}.",
                new Dictionary<string, object?> { ["maxValueLength"] = options.Value.MaxValueLength, ["tooLong"] = tooLong });
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

        var rendered = TemplateVariables.Render(template.Subject, template.Body, values, options.Value.MaxRenderedLength);
        return TypedResults.Ok(new RenderTemplateResponse(template.Id, template.Version, template.Kind, rendered.Subject, rendered.BodyText, rendered.BodyHtml, rendered.Missing, rendered.Warnings));
    }

    private static async Task<IResult> Usage(Guid id, UsageRequest request, ClaimsPrincipal principal, TemplatesDb db, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        var visible = db.Templates.VisibleTo(user).Where(t => t.Id == id);
        // Counted in the database: usage never bumps the version, so it never makes an editor's ETag stale.
        var updated = request.Event?.Trim().ToLowerInvariant() switch
        {
            "used" => await visible.ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedCount, t => t.UsedCount + 1), ct),
            "inserted" => await visible.ExecuteUpdateAsync(s => s.SetProperty(t => t.InsertedCount, t => t.InsertedCount + 1), ct),
            _ => throw ApiProblemException.BadRequest("The event must be \"used\" or \"inserted\"."),
        };
        if (updated == 0)
        {
            throw NotFound();
        }

        var counts = await db.Templates.AsNoTracking().Where(t => t.Id == id).Select(t => new TemplateUsageDto(t.UsedCount, t.InsertedCount)).FirstAsync(ct);
        return TypedResults.Ok(counts);
    }

    private static async Task<IResult> Export(ClaimsPrincipal principal, TemplatesDb db, TimeProvider clock, string? team, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        TemplateRules.RequireTeamLead(user, "export the team's library");
        var teamId = TemplateRules.ResolveTeam(user, team);
        var scopeKey = TemplateRules.TeamKey(teamId);
        var templates = await db.Templates.AsNoTracking()
            .Where(t => t.TenantId == user.TenantId && t.ScopeKey == scopeKey && t.DeletedAt == null)
            .OrderBy(t => t.NormalizedName)
            .ToListAsync(ct);
        return TypedResults.Ok(new TemplateLibrary(
            "ghostassist-templates", 1, teamId, clock.GetUtcNow(),
            templates.Select(t => new LibraryTemplate(t.Name, t.Kind, t.Subject, t.Body, t.Tags, t.Published, t.Archived)).ToArray()));
    }

    private static async Task<IResult> Import(
        TemplateLibrary library, ClaimsPrincipal principal, TemplatesDb db, TimeProvider clock, IOptions<TemplateOptions> options,
        ILoggerFactory loggers, string? team, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        TemplateRules.RequireTeamLead(user, "import a library into the team");
        var teamId = TemplateRules.ResolveTeam(user, team);
        var scopeKey = TemplateRules.TeamKey(teamId);
        var entries = library.Templates ?? throw ApiProblemException.BadRequest("The library has no \"templates\" array.");
        if (entries.Count > options.Value.MaxTemplatesPerTeam)
        {
            throw ApiProblemException.Unprocessable($"A library can hold up to {options.Value.MaxTemplatesPerTeam} templates; this one has {entries.Count}.");
        }

        // Everything is checked before anything is written: an import is all or nothing.
        var errors = new List<object>();
        var contents = new List<(int Index, TemplateRules.Content Content, LibraryTemplate Entry)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            try
            {
                contents.Add((i, TemplateRules.Validate(entry?.Name, entry?.Kind, entry?.Subject, entry?.Body, entry?.Tags, options.Value), entry!));
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

        await RequireRoomAsync(db, user.TenantId, scopeKey, toAdd.Count, options.Value, ct);
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

        loggers.CreateLogger(typeof(TemplatesApi)).LogInformation("Imported {Imported} templates, {Duplicates} duplicates skipped", toAdd.Count, duplicates.Count);
        return TypedResults.Ok(new ImportResult(toAdd.Select(t => TemplateDto.From(t, true)).ToArray(), duplicates));
    }

    /// <summary>
    /// The one write path for existing templates: If-Match, rights, the change, a new version row and the
    /// version bump saved together. A concurrent writer makes the version check in the UPDATE (or the
    /// version row's key) fail, and the caller gets 412 with what is current.
    /// </summary>
    private static async Task<IResult> MutateAsync(
        Guid id, string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplatesDb db, TimeProvider clock, string change,
        Func<Template, AppUser, Task> apply, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        var expected = ReadIfMatch(ifMatch);
        var template = await FindAsync(db.Templates, id, user, ct);
        TemplateRules.RequireEdit(template, user);
        if (template.Version != expected)
        {
            return PreconditionFailed(http, template, user);
        }

        await apply(template, user);
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
                return PreconditionFailed(http, current, user);
            }

            await RequireUniqueNameAsync(db, current.TenantId, template.ScopeKey, template.Name, current.Id, ct);
            throw;
        }

        http.Response.Headers.ETag = TemplateETag.Format(template.Version);
        return TypedResults.Ok(TemplateDto.From(template, TemplateRules.CanEdit(template, user)));
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

    private static IResult PreconditionFailed(HttpContext http, Template current, AppUser user)
    {
        http.Response.Headers.ETag = TemplateETag.Format(current.Version);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The template changed",
            detail: $"Someone changed this template since you read it: it is now version {current.Version}. Review the current version and apply your change to it.",
            extensions: new Dictionary<string, object?>
            {
                ["currentVersion"] = current.Version,
                ["currentEtag"] = TemplateETag.Format(current.Version),
                ["current"] = TemplateDto.From(current, TemplateRules.CanEdit(current, user)),
            });
    }

    internal static async Task<Template> FindAsync(IQueryable<Template> templates, Guid id, AppUser user, CancellationToken ct) =>
        await templates.VisibleTo(user).FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFound();

    // The same answer for "no such template" and "someone else's": existence is not revealed.
    private static ApiProblemException NotFound() => ApiProblemException.NotFound("There is no template with this id that you can see.");

    private static async Task RequireRoomAsync(TemplatesDb db, string tenantId, string scopeKey, int adding, TemplateOptions options, CancellationToken ct)
    {
        var count = await db.Templates.CountAsync(t => t.TenantId == tenantId && t.ScopeKey == scopeKey && t.DeletedAt == null, ct);
        if (count + adding > options.MaxTemplatesPerTeam)
        {
            throw ApiProblemException.Conflict(
                $"A {(scopeKey.StartsWith("team:", StringComparison.Ordinal) ? "team" : "user")} can have up to {options.MaxTemplatesPerTeam} templates; there are {count}{(adding > 1 ? $" and this adds {adding}" : string.Empty)}. Delete or archive some first.",
                new Dictionary<string, object?> { ["limit"] = options.MaxTemplatesPerTeam, ["count"] = count });
        }
    }

    private static async Task RequireUniqueNameAsync(TemplatesDb db, string tenantId, string scopeKey, string name, Guid? except, CancellationToken ct)
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
