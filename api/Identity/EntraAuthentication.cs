using System.Security.Claims;
using GhostAssist.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace GhostAssist.Api.Identity;

/// <summary>Named HTTP clients of the identity part; tests give them a handler that trusts their loopback certificate.</summary>
public static class IdentityHttpClients
{
    /// <summary>Entra ID: OpenID metadata and signing keys for JwtBearer (MSAL and the issuer validator use the factory's default client).</summary>
    public const string Entra = "entra";
}

/// <summary>
/// What this API adds to Microsoft.Identity.Web's token validation (which checks signature, issuer
/// per tenant, audience and lifetime): Entra ID's claim names kept as they are, the metadata fetched
/// through the DI HTTP client, and 401/403 answers written as problem+json without token content.
/// Runs after Identity.Web's own configuration, so its token-validated handler (which keeps the token
/// for on-behalf-of) stays in place.
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
        options.Backchannel = httpClients.CreateClient(IdentityHttpClients.Entra);
        // The features read oid, tid, scp and roles under their Entra ID names.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = "roles";
        // Identity.Web's own audience check takes only the client id for v2 tokens; a token for the
        // Application ID URI (api://{ClientId} or AzureAd:Audience) is as much for this API.
        options.TokenValidationParameters.AudienceValidator = null;
        options.TokenValidationParameters.ValidAudiences = settings.ValidAudiences;
        options.TokenValidationParameters.ValidateAudience = true;
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(2);
        options.TokenValidationParameters.RequireExpirationTime = true;
        options.TokenValidationParameters.RequireSignedTokens = true;

        options.Events ??= new JwtBearerEvents();
        options.Events.OnChallenge = async context =>
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
        };
        options.Events.OnForbidden = async context =>
        {
            var scopes = ScopePolicy.Scopes(context.HttpContext.User);
            var detail = scopes.Contains(settings.Scope, StringComparer.Ordinal)
                ? "You are signed in, but your account does not have the role this needs (ask your admin for the TeamLead app role)."
                : $"The access token does not carry the '{settings.Scope}' scope this API needs; the pane must ask for {settings.ApplicationIdUri}/{settings.Scope}.";
            await Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", detail);
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
        UnauthorizedAccessException => "The token carries neither a scope nor an app role.",
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
