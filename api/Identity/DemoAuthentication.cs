using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Identity;

public sealed class DemoUserOptions
{
    public string UserId { get; set; } = "00000000-0000-0000-0000-0000000000a1";
    public string TenantId { get; set; } = "00000000-0000-0000-0000-00000000d340";
    public string Name { get; set; } = "Alex Morgan";
    public string Email { get; set; } = "alex.morgan@ghostassist.example";

    /// <summary>The demo user leads the team so that every flow, publishing included, can be tried.</summary>
    public string[] Roles { get; set; } = [AppUser.TeamLeadRole];
}

/// <summary>
/// Demo mode has no sign-in: every request is the demo user. It only ever runs on loopback
/// (see <see cref="IdentitySetup"/>), so this cannot expose a mailbox to a network.
/// </summary>
internal sealed class DemoAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<DemoUserOptions> demoUser)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Demo";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = demoUser.Value;
        var claims = new List<Claim>
        {
            new("oid", user.UserId),
            new("tid", user.TenantId),
            new("name", user.Name),
            new("preferred_username", user.Email),
            new("scp", "access_as_user"),
        };
        claims.AddRange(user.Roles.Select(role => new Claim("roles", role)));
        var identity = new ClaimsIdentity(claims, SchemeName, "name", "roles");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
