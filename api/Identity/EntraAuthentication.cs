using System.Security.Claims;
using GhostAssist.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace GhostAssist.Api.Identity;

/// <summary>Named HTTP clients of the identity part; tests give them a handler that trusts their loopback certificate.</summary>
public static class IdentityHttpClients
{
    /// <summary>Entra ID: OpenID metadata, signing keys, the token endpoint.</summary>
    public const string Entra = "entra";
}

/// <summary>
/// Validates Entra ID access tokens for this API: signature from the tenant's published keys, issuer
/// (per tenant for organizations/common), audience, lifetime. 401/403 answers are problem+json.
/// </summary>
internal sealed class EntraJwtBearerOptionsSetup(IOptions<AzureAdOptions> azureAd, IHttpClientFactory httpClients)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = azureAd.Value;
        options.Authority = settings.IssuerFor(settings.TenantId);
        options.Backchannel = httpClients.CreateClient(IdentityHttpClients.Entra);
        options.MapInboundClaims = false;
        options.SaveToken = true;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAudiences = settings.ValidAudiences,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
            NameClaimType = "name",
            RoleClaimType = "roles",
        };

        if (settings.IsMultiTenant)
        {
            // The metadata's issuer is a template ({tenantid}); a token is valid when its issuer is
            // exactly the one its own tenant (tid) would issue.
            options.TokenValidationParameters.IssuerValidator = (issuer, token, _) =>
            {
                var tid = token switch
                {
                    Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt => jwt.TryGetPayloadValue<string>("tid", out var t) ? t : null,
                    System.IdentityModel.Tokens.Jwt.JwtSecurityToken legacy => legacy.Payload.TryGetValue("tid", out var t) ? t as string : null,
                    _ => null,
                };
                if (!string.IsNullOrEmpty(tid) && string.Equals(issuer, settings.IssuerFor(tid), StringComparison.Ordinal))
                {
                    return issuer;
                }

                throw new SecurityTokenInvalidIssuerException("The token's issuer does not match its tenant.") { InvalidIssuer = issuer };
            };
        }

        options.Events = new JwtBearerEvents
        {
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var failure = context.AuthenticateFailure;
                var description = Describe(failure);
                var header = failure is null
                    ? $"Bearer realm=\"{settings.ApplicationIdUri}\""
                    : $"Bearer realm=\"{settings.ApplicationIdUri}\", error=\"invalid_token\", error_description=\"{description}\"";
                context.Response.Headers.WWWAuthenticate = header;
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign-in required",
                    failure is null
                        ? $"This API needs an Entra ID access token for {settings.ApplicationIdUri}/{settings.Scope} in the Authorization header."
                        : $"The access token was refused: {description} Sign in again.");
            },
            OnForbidden = async context =>
            {
                var scopes = ScopePolicy.Scopes(context.HttpContext.User);
                var detail = scopes.Contains(settings.Scope, StringComparer.Ordinal)
                    ? "You are signed in, but your account does not have the role this needs (ask your admin for the TeamLead app role)."
                    : $"The access token does not carry the '{settings.Scope}' scope this API needs; the pane must ask for {settings.ApplicationIdUri}/{settings.Scope}.";
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", detail);
            },
        };
    }

    /// <summary>Safe wording for the WWW-Authenticate header and the problem: no token content, no exception message.</summary>
    private static string Describe(Exception? failure) => failure switch
    {
        null => "",
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token is for another audience.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        _ => "The token is not valid.",
    };
}

/// <summary>Every endpoint needs a user whose token carries this API's delegated scope.</summary>
public static class ScopePolicy
{
    public static IReadOnlyList<string> Scopes(ClaimsPrincipal user) =>
        user.FindAll("scp").Concat(user.FindAll("http://schemas.microsoft.com/identity/claims/scope"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
}
