using System.Security.Claims;
using GhostAssist.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Identity;

public static class MeApi
{
    public sealed record MeResponse(MeUser User, ServiceSources Sources);

    public sealed record MeUser(string Id, string TenantId, string Name, string? Email, IReadOnlyList<string> Roles, bool IsTeamLead);

    /// <summary>What the pane needs to sign in: demo (no sign-in) or Entra ID with this app and scope.</summary>
    public sealed record ClientConfig(ClientAuthConfig Auth);

    public sealed record ClientAuthConfig(string Mode, string? ClientId = null, string? Authority = null, IReadOnlyList<string>? Scopes = null);

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

        // Anonymous by necessity: the pane reads it before it has a token.
        var config = app.MapGroup("/api/config").WithTags("Me").AllowAnonymous();
        config.MapGet("/", (IOptions<AzureAdOptions> options) =>
        {
            var azureAd = options.Value;
            return TypedResults.Ok(azureAd.IsConfigured
                ? new ClientConfig(new ClientAuthConfig("entra", azureAd.ClientId, azureAd.Authority, [$"{azureAd.ApplicationIdUri}/{azureAd.Scope}"]))
                : new ClientConfig(new ClientAuthConfig("demo")));
        })
        .WithName("GetClientConfig")
        .WithSummary("How the task pane signs in: demo mode, or Entra ID with this client id, authority and scopes.");
        return group;
    }
}
