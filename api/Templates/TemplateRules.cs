using GhostAssist.Api.Analysis;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Templates;

/// <summary>Who sees and changes which template, and what a valid template is. Every query goes through here.</summary>
public static class TemplateRules
{
    /// <summary>The teams the user belongs to: the tenant (default team) and the Entra groups of the token.</summary>
    public static string[] TeamsOf(AppUser user) => [user.TenantId, .. user.Groups];

    /// <summary>
    /// Templates of the user's tenant that the user may see: their own personal ones, and the team
    /// templates of their teams (members: published only). Deleted templates are never served.
    /// </summary>
    public static IQueryable<Template> VisibleTo(this IQueryable<Template> templates, AppUser user)
    {
        var tenant = user.TenantId;
        var userId = user.UserId;
        var teams = TeamsOf(user);
        var lead = user.IsTeamLead;
        return templates.Where(t => t.TenantId == tenant && t.DeletedAt == null
            && ((t.Scope == TemplateScopes.Personal && t.OwnerId == userId)
                || (t.Scope == TemplateScopes.Team && t.TeamId != null && teams.Contains(t.TeamId) && (lead || t.Published))));
    }

    public static bool CanEdit(Template template, AppUser user) =>
        template.TenantId == user.TenantId && (template.Scope == TemplateScopes.Personal
            ? template.OwnerId == user.UserId
            : user.IsTeamLead && template.TeamId is not null && TeamsOf(user).Contains(template.TeamId));

    public static void RequireEdit(Template template, AppUser user)
    {
        if (!CanEdit(template, user))
        {
            throw ApiProblemException.Forbidden(template.Scope == TemplateScopes.Team
                ? "Only a team lead (the TeamLead role) can change, publish, archive or delete team templates."
                : "Only the owner can change a personal template.");
        }
    }

    public static void RequireTeamLead(AppUser user, string action)
    {
        if (!user.IsTeamLead)
        {
            throw ApiProblemException.Forbidden($"Only a team lead (the TeamLead role) can {action}.");
        }
    }

    /// <summary>The team a request names: blank or the tenant id is the tenant's team; otherwise one of the token's groups.</summary>
    public static string ResolveTeam(AppUser user, string? team)
    {
        if (string.IsNullOrWhiteSpace(team) || team.Trim() == user.TenantId)
        {
            return user.TenantId;
        }

        var trimmed = team.Trim();
        return user.Groups.Contains(trimmed, StringComparer.Ordinal)
            ? trimmed
            : throw ApiProblemException.Forbidden("You are not a member of that team: a team is your tenant or an Entra group in your token's groups claim.");
    }

    public static string TeamKey(string teamId) => $"team:{teamId}";

    public static string PersonalKey(string userId) => $"user:{userId}";

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    /// <summary>A template's content, checked and tidied; throws a problem naming what is wrong.</summary>
    public sealed record Content(string Name, string Kind, string Subject, string Body, List<string> Tags);

    public static Content Validate(string? name, string? kind, string? subject, string? body, IReadOnlyList<string>? tags, TemplateOptions options)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ApiProblemException.BadRequest("A template needs a name.");
        }

        if (string.IsNullOrWhiteSpace(kind) || !FollowUpKinds.IsKnown(kind.Trim()))
        {
            throw ApiProblemException.BadRequest(
                $"The kind must be one of: {string.Join(", ", FollowUpKinds.All)}.",
                new Dictionary<string, object?> { ["kinds"] = FollowUpKinds.All });
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            throw ApiProblemException.BadRequest("A template needs a body.");
        }

        var cleanName = name.Trim();
        var cleanSubject = (subject ?? string.Empty).Trim();
        var maxName = Math.Min(options.MaxNameLength, TemplateLimits.NameHardMax);
        TooLong("name", cleanName.Length, maxName);
        TooLong("subject", cleanSubject.Length, options.MaxSubjectLength);
        TooLong("body", body.Length, options.MaxBodyLength);

        var cleanTags = (tags ?? []).Select(t => (t ?? string.Empty).Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (cleanTags.Count > options.MaxTags)
        {
            throw ApiProblemException.Unprocessable(
                $"A template can have up to {options.MaxTags} tags; this one has {cleanTags.Count}.",
                new Dictionary<string, object?> { ["field"] = "tags", ["limit"] = options.MaxTags });
        }

        if (cleanTags.FirstOrDefault(t => t.Length > options.MaxTagLength) is { } longTag)
        {
            throw ApiProblemException.Unprocessable(
                $"A tag can be up to {options.MaxTagLength} characters; \"{longTag[..Math.Min(longTag.Length, 20)]}...\" is {longTag.Length}.",
                new Dictionary<string, object?> { ["field"] = "tags", ["limit"] = options.MaxTagLength });
        }

        var (unknown, unbalanced) = TemplateVariables.Check(cleanSubject, body);
        if (unknown.Count > 0)
        {
            var names = string.Join(", ", unknown.Select(n => $"{{{{{n}}}}}"));
            throw ApiProblemException.Unprocessable(
                $"The template uses unknown variable{(unknown.Count > 1 ? "s" : string.Empty)} {names}. Known variables: {string.Join(", ", TemplateVariables.All.Select(v => v.Name))} (GET /api/templates/variables).",
                new Dictionary<string, object?> { ["unknownVariables"] = unknown, ["knownVariables"] = TemplateVariables.All.Select(v => v.Name).ToArray() });
        }

        if (unbalanced)
        {
            throw ApiProblemException.Unprocessable("The template has a \"{{\" or \"}}\" that is not part of a {{variable}}; write variables as {{name}}.");
        }

        return new Content(cleanName, kind.Trim(), cleanSubject, body, cleanTags);
    }

    private static void TooLong(string field, int length, int limit)
    {
        if (length > limit)
        {
            throw ApiProblemException.Unprocessable(
                $"The {field} can be up to {limit:N0} characters; it has {length:N0}.",
                new Dictionary<string, object?> { ["field"] = field, ["limit"] = limit, ["length"] = length });
        }
    }
}
