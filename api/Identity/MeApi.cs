using System.Security.Claims;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Identity;

public static class MeApi
{
    public sealed record MeResponse(MeUser User, ServiceSources Sources);

    public sealed record MeUser(string Id, string TenantId, string Name, string? Email, IReadOnlyList<string> Roles, bool IsTeamLead);

    public static RouteGroupBuilder MapMe(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Me");
        group.MapGet("/", (ClaimsPrincipal principal, IConfiguration configuration) =>
        {
            var user = AppUser.From(principal);
            return TypedResults.Ok(new MeResponse(
                new MeUser(user.UserId, user.TenantId, user.Name, user.Email, user.Roles, user.IsTeamLead),
                ServiceSources.From(configuration)));
        })
        .WithName("GetMe")
        .WithSummary("The signed-in user, tenant, roles, and which source each part of GhostAssist runs on.");
        return group;
    }
}
