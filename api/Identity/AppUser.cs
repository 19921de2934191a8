using System.Security.Claims;

namespace GhostAssist.Api.Identity;

/// <summary>The signed-in user as the features see it, read from Entra ID claim names (oid, tid, roles).</summary>
public sealed record AppUser(
    string UserId,
    string TenantId,
    string Name,
    string? Email,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Groups)
{
    public const string TeamLeadRole = "TeamLead";

    public bool IsTeamLead => Roles.Contains(TeamLeadRole, StringComparer.OrdinalIgnoreCase);

    /// <summary>The one people module reads names ("Morgan, Alex", "Dr. Alex Morgan" and "alex.morgan@…" are all Alex).</summary>
    public string FirstName => People.PersonNames.FirstName(Name, Email) ?? Name;

    public static AppUser From(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue("oid") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The principal has no object id (oid) claim.");
        var tenantId = principal.FindFirstValue("tid") ?? throw new InvalidOperationException("The principal has no tenant id (tid) claim.");
        var email = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("email") ?? principal.FindFirstValue("upn");
        var name = principal.FindFirstValue("name") ?? email ?? userId;
        var roles = principal.FindAll("roles").Concat(principal.FindAll(ClaimTypes.Role)).Select(c => c.Value).Distinct().ToArray();
        var groups = principal.FindAll("groups").Select(c => c.Value).Distinct().ToArray();
        return new AppUser(userId, tenantId, name, email, roles, groups);
    }
}
