using System.Security.Claims;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GhostAssist.Api.Templates;

/// <summary>
/// /api/templates: binding and HTTP only; the rules, concurrency and data access are in <see cref="TemplateService"/>. Every change needs If-Match with the template's ETag: none → 428, stale → 412 with
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
        group.MapPost("/{id:guid}/unpublish", ChangeState(TemplateStateChange.Unpublish))
            .WithSummary("Hide a team template from members again (team leads; If-Match required).").Produces<TemplateDto>().ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id:guid}/archive", ChangeState(TemplateStateChange.Archive))
            .WithSummary("Archive (hidden from lists unless includeArchived=true; If-Match required).").Produces<TemplateDto>().ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id:guid}/unarchive", ChangeState(TemplateStateChange.Unarchive))
            .WithSummary("Bring an archived template back (If-Match required).").Produces<TemplateDto>().ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id:guid}/render", Render).WithSummary("Render with a conversation's facts (conversationId) and/or explicit values (they win); a missing value shows as a visible placeholder with a warning.")
            .Produces<RenderTemplateResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        group.MapPost("/{id:guid}/usage", Usage).WithSummary("Count a use: {\"event\": \"used\"} or {\"event\": \"inserted\"}.").Produces<TemplateUsageDto>().ProducesProblem(400).ProducesProblem(404);
        return group;
    }

    private static async Task<Ok<TemplateDto[]>> List(
        ClaimsPrincipal principal, TemplateService templates, string? kind, string? scope, string? tag, string? team, bool? includeArchived, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        var list = await templates.ListAsync(user, kind, scope, tag, team, includeArchived == true, ct);
        return TypedResults.Ok(list.Select(t => TemplateDto.From(t, TemplateRules.CanEdit(t, user))).ToArray());
    }

    private static async Task<Ok<TemplateDto>> Get(Guid id, ClaimsPrincipal principal, HttpContext http, TemplateService templates, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        var template = await templates.GetAsync(id, user, ct);
        http.Response.Headers.ETag = TemplateETag.Format(template.Version);
        return TypedResults.Ok(TemplateDto.From(template, TemplateRules.CanEdit(template, user)));
    }

    private static async Task<Created<TemplateDto>> Create(CreateTemplateRequest request, ClaimsPrincipal principal, HttpContext http, TemplateService templates, CancellationToken ct)
    {
        var template = await templates.CreateAsync(AppUser.From(principal), request, ct);
        http.Response.Headers.ETag = TemplateETag.Format(template.Version);
        return TypedResults.Created($"/api/templates/{template.Id}", TemplateDto.From(template, true));
    }

    private static async Task<Results<Ok<TemplateDto>, ProblemHttpResult>> Update(
        Guid id, UpdateTemplateRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplateService templates, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        return Changed(http, user, await templates.UpdateAsync(id, ifMatch, user, request, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplateService templates, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        var change = await templates.DeleteAsync(id, ifMatch, user, ct);
        return change.Stale ? PreconditionFailed(http, change.Template, user) : TypedResults.NoContent();
    }

    private static async Task<Ok<TemplateVersionDto[]>> Versions(Guid id, ClaimsPrincipal principal, TemplateService templates, CancellationToken ct)
    {
        var versions = await templates.VersionsAsync(id, AppUser.From(principal), ct);
        return TypedResults.Ok(versions.Select(TemplateVersionDto.From).ToArray());
    }

    private static async Task<Results<Ok<TemplateDto>, ProblemHttpResult>> Restore(
        Guid id, int version, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplateService templates, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        return Changed(http, user, await templates.RestoreAsync(id, version, ifMatch, user, ct));
    }

    private static async Task<Results<Ok<TemplateDto>, ProblemHttpResult>> Publish(
        Guid id, string? team, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplateService templates, CancellationToken ct)
    {
        var user = AppUser.From(principal);
        return Changed(http, user, await templates.ChangeStateAsync(id, TemplateStateChange.Publish, ifMatch, user, team, ct));
    }

    /// <summary>Unpublish, archive and unarchive differ only in the change: one handler, no ?team= parameter.</summary>
    private static Func<Guid, string?, ClaimsPrincipal, HttpContext, TemplateService, CancellationToken, Task<Results<Ok<TemplateDto>, ProblemHttpResult>>> ChangeState(TemplateStateChange change) =>
        async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal principal, HttpContext http, TemplateService templates, CancellationToken ct) =>
        {
            var user = AppUser.From(principal);
            return Changed(http, user, await templates.ChangeStateAsync(id, change, ifMatch, user, team: null, ct));
        };

    private static async Task<Ok<RenderTemplateResponse>> Render(
        Guid id, RenderTemplateRequest? request, ClaimsPrincipal principal, TemplateService templates, ThreadResolver threads, ThreadAnalysisService analysis, CancellationToken ct) =>
        TypedResults.Ok(await templates.RenderAsync(id, AppUser.From(principal), request, threads, analysis, ct));

    private static async Task<Ok<TemplateUsageDto>> Usage(Guid id, UsageRequest request, ClaimsPrincipal principal, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.CountUsageAsync(id, AppUser.From(principal), request.Event, ct));

    private static async Task<Ok<TemplateLibrary>> Export(ClaimsPrincipal principal, TemplateService templates, string? team, CancellationToken ct) =>
        TypedResults.Ok(await templates.ExportAsync(AppUser.From(principal), team, ct));

    private static async Task<Ok<ImportResult>> Import(TemplateLibrary library, ClaimsPrincipal principal, TemplateService templates, string? team, CancellationToken ct) =>
        TypedResults.Ok(await templates.ImportAsync(AppUser.From(principal), library, team, ct));

    /// <summary>A saved change answers 200 with the new ETag; a stale If-Match answers 412 with what is current.</summary>
    private static Results<Ok<TemplateDto>, ProblemHttpResult> Changed(HttpContext http, AppUser user, TemplateChange change)
    {
        if (change.Stale)
        {
            return PreconditionFailed(http, change.Template, user);
        }

        http.Response.Headers.ETag = TemplateETag.Format(change.Template.Version);
        return TypedResults.Ok(TemplateDto.From(change.Template, TemplateRules.CanEdit(change.Template, user)));
    }

    private static ProblemHttpResult PreconditionFailed(HttpContext http, Template current, AppUser user)
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
}
