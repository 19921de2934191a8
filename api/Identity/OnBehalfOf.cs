using System.Security.Claims;
using System.Text;
using GhostAssist.Api.Infrastructure;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;
using Microsoft.Net.Http.Headers;

namespace GhostAssist.Api.Identity;

/// <summary>
/// Exchanges the caller's access token for a downstream one (Microsoft Graph) through
/// Microsoft.Identity.Web's token acquisition (MSAL.NET on-behalf-of and its token cache), and turns
/// its failures into problems the pane understands.
/// </summary>
public sealed class OnBehalfOfTokens(ITokenAcquisition tokenAcquisition, ILogger<OnBehalfOfTokens> logger)
{
    /// <summary>A token for <paramref name="scopes"/> on behalf of <paramref name="user"/>, whose validated token Identity.Web kept for this request.</summary>
    /// <exception cref="ApiProblemException">401 with a claims challenge when the user must consent or sign in again; 502/503 when Entra ID refuses or fails.</exception>
    public async Task<string> AcquireAsync(ClaimsPrincipal user, IEnumerable<string> scopes, string? claims, CancellationToken cancellationToken)
    {
        try
        {
            // The user's tenant (tid) is where the exchange happens, which is what a multi-tenant app needs.
            return await tokenAcquisition.GetAccessTokenForUserAsync(scopes, user: user,
                tokenAcquisitionOptions: new TokenAcquisitionOptions { Claims = string.IsNullOrEmpty(claims) ? null : claims, CancellationToken = cancellationToken });
        }
        catch (MicrosoftIdentityWebChallengeUserException challenge)
        {
            throw UiRequired(challenge.MsalUiRequiredException);
        }
        catch (MsalUiRequiredException ui)
        {
            throw UiRequired(ui);
        }
        catch (MsalServiceException service)
        {
            // Codes and correlation ids only: MSAL's messages can quote the user's name or tenant.
            logger.LogWarning("On-behalf-of refused by Entra ID ({ErrorCode}, HTTP {Status}, correlation {CorrelationId})", service.ErrorCode, service.StatusCode, service.CorrelationId);
            if (service.StatusCode is 429 or >= 500)
            {
                throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Microsoft sign-in is unavailable",
                    "Entra ID did not answer the token exchange; try again in a moment.",
                    new Dictionary<string, object?> { ["retryAfterSeconds"] = 5 });
            }

            throw new ApiProblemException(StatusCodes.Status502BadGateway, "Microsoft sign-in refused the API",
                $"Entra ID refused to give this API a Microsoft Graph token on your behalf ({service.ErrorCode}). An admin should check the app registration (secret or certificate, Graph permissions).");
        }
        catch (MsalClientException client)
        {
            logger.LogWarning("On-behalf-of failed in MSAL ({ErrorCode})", client.ErrorCode);
            throw new ApiProblemException(StatusCodes.Status502BadGateway, "Microsoft sign-in failed",
                $"The API could not get a Microsoft Graph token on your behalf ({client.ErrorCode}).");
        }
    }

    private ApiProblemException UiRequired(MsalUiRequiredException ui)
    {
        logger.LogInformation("On-behalf-of needs the user again ({ErrorCode}, {Classification}, correlation {CorrelationId})", ui.ErrorCode, ui.Classification, ui.CorrelationId);
        return ClaimsChallenge.Problem(ui.Claims, ui.Classification == UiRequiredExceptionClassification.ConsentRequired);
    }
}

/// <summary>
/// A 401 that asks the pane to get a new token for this API with extra claims (conditional access,
/// MFA) or consent, in the form Entra ID documents for claims challenges.
/// </summary>
public static class ClaimsChallenge
{
    public static ApiProblemException Problem(string? claims, bool consentRequired)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["error"] = string.IsNullOrEmpty(claims) ? "interaction_required" : "insufficient_claims",
            ["consentRequired"] = consentRequired,
        };
        if (!string.IsNullOrEmpty(claims))
        {
            extensions["claims"] = claims;
        }

        return new ApiProblemException(StatusCodes.Status401Unauthorized, "Sign in again",
            consentRequired
                ? "Microsoft 365 needs your consent before GhostAssist can read this mailbox on your behalf. Sign in again and accept the permissions."
                : "Microsoft 365 needs you to sign in again (for example multi-factor authentication) before GhostAssist can read this mailbox on your behalf.",
            extensions);
    }

    /// <summary>The WWW-Authenticate value for a problem built by <see cref="Problem"/>.</summary>
    public static string Header(string? claims) => string.IsNullOrEmpty(claims)
        ? "Bearer error=\"interaction_required\""
        : $"Bearer error=\"insufficient_claims\", claims=\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(claims))}\"";

    /// <summary>Problems written after the exception handler cleared the response get their headers back here.</summary>
    internal static void AddHeaders(Microsoft.AspNetCore.Http.ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var headers = context.HttpContext.Response.Headers;
        if (problem.Status == StatusCodes.Status401Unauthorized && problem.Extensions.TryGetValue("error", out var error)
            && error is "insufficient_claims" or "interaction_required")
        {
            problem.Extensions.TryGetValue("claims", out var claims);
            headers[HeaderNames.WWWAuthenticate] = Header(claims as string);
        }

        if (problem.Status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests
            && problem.Extensions.TryGetValue("retryAfterSeconds", out var retryAfter) && retryAfter is not null
            && !headers.ContainsKey(HeaderNames.RetryAfter))
        {
            headers[HeaderNames.RetryAfter] = Convert.ToString(retryAfter, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
