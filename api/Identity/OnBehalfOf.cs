using System.Security.Cryptography.X509Certificates;
using System.Text;
using GhostAssist.Api.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Net.Http.Headers;

namespace GhostAssist.Api.Identity;

/// <summary>Where MSAL keeps the on-behalf-of tokens.</summary>
public sealed class TokenCacheOptions
{
    /// <summary>True when a distributed cache (Redis) is configured: several API instances then share the tokens.</summary>
    public bool Distributed { get; set; }
}

/// <summary>
/// Exchanges the caller's access token for a downstream one (Microsoft Graph) with MSAL.NET's
/// on-behalf-of flow. One confidential client per process: its token cache is what makes the
/// second request of a user cost no call to Entra ID.
/// </summary>
public sealed class OnBehalfOfTokens
{
    private readonly IConfidentialClientApplication _app;
    private readonly ILogger<OnBehalfOfTokens> _logger;

    public OnBehalfOfTokens(
        IOptions<AzureAdOptions> azureAd,
        IOptions<TokenCacheOptions> cacheOptions,
        IServiceProvider services,
        IHttpClientFactory httpClients,
        ILogger<OnBehalfOfTokens> logger)
    {
        _logger = logger;
        var settings = azureAd.Value;
        var builder = ConfidentialClientApplicationBuilder.Create(settings.ClientId)
            .WithHttpClientFactory(new MsalHttpClients(httpClients))
            .WithLegacyCacheCompatibility(false);

        // Instance discovery asks Microsoft which clouds exist; a host outside them (a sovereign
        // deployment's own authority, a test stand-in) is taken as configured.
        builder = IsMicrosoftCloud(settings.Instance)
            ? builder.WithAuthority(settings.Authority)
            : builder.WithAuthority(settings.Authority, validateAuthority: false).WithInstanceDiscovery(false);

        var certificate = LoadCertificate(settings.ClientCertificates);
        if (certificate is not null)
        {
            builder = builder.WithCertificate(certificate, sendX5C: true);
        }
        else if (!string.IsNullOrWhiteSpace(settings.ClientSecret))
        {
            builder = builder.WithClientSecret(settings.ClientSecret);
        }
        else
        {
            throw new InvalidOperationException("AzureAd:ClientId is set but neither AzureAd:ClientSecret nor AzureAd:ClientCertificates is: the API cannot call Microsoft Graph on the user's behalf.");
        }

        _app = builder.Build();
        // MSAL's own in-memory cache never evicts, and on-behalf-of adds an entry per incoming token
        // (hourly per user): the tokens go to a cache that expires them, this process's own memory
        // by default, Redis when configured so that every instance shares them.
        var cache = cacheOptions.Value.Distributed
            ? services.GetRequiredService<IDistributedCache>()
            : new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { SizeLimit = 64L * 1024 * 1024 }));
        DistributedTokenCache.Attach(_app.UserTokenCache, cache, services.GetRequiredService<ILogger<DistributedTokenCache>>());
    }

    /// <summary>A token for <paramref name="scopes"/> on behalf of the user whose token is <paramref name="userAssertion"/>.</summary>
    /// <exception cref="ApiProblemException">401 with a claims challenge when the user must consent or sign in again; 502 when Entra ID refuses the API itself.</exception>
    public async Task<string> AcquireAsync(string userAssertion, string? tenantId, IEnumerable<string> scopes, string? claims, CancellationToken cancellationToken)
    {
        var request = _app.AcquireTokenOnBehalfOf(scopes, new UserAssertion(userAssertion));
        if (!string.IsNullOrEmpty(tenantId))
        {
            // Multi-tenant: the exchange happens in the user's own tenant.
            request = request.WithTenantId(tenantId);
        }

        if (!string.IsNullOrEmpty(claims))
        {
            request = request.WithClaims(claims);
        }

        try
        {
            var result = await request.ExecuteAsync(cancellationToken);
            _logger.LogDebug("On-behalf-of token from {TokenSource}", result.AuthenticationResultMetadata.TokenSource);
            return result.AccessToken;
        }
        catch (MsalUiRequiredException ui)
        {
            _logger.LogInformation("On-behalf-of needs the user again ({ErrorCode}, {Classification}, correlation {CorrelationId})", ui.ErrorCode, ui.Classification, ui.CorrelationId);
            throw ClaimsChallenge.Problem(ui.Claims, ui.Classification == UiRequiredExceptionClassification.ConsentRequired);
        }
        catch (MsalServiceException service)
        {
            // Codes and correlation ids only: MSAL's messages can quote the user's name or tenant.
            _logger.LogWarning("On-behalf-of refused by Entra ID ({ErrorCode}, HTTP {Status}, correlation {CorrelationId})", service.ErrorCode, service.StatusCode, service.CorrelationId);
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
            _logger.LogWarning("On-behalf-of failed in MSAL ({ErrorCode})", client.ErrorCode);
            throw new ApiProblemException(StatusCodes.Status502BadGateway, "Microsoft sign-in failed",
                $"The API could not get a Microsoft Graph token on your behalf ({client.ErrorCode}).");
        }
    }

    private static readonly string[] MicrosoftLoginHosts =
    [
        "login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn",
        "login.partner.microsoftonline.cn", "login.microsoftonline.de", "login.windows.net", "login.microsoft.com", "sts.windows.net",
    ];

    private static bool IsMicrosoftCloud(string instance) =>
        Uri.TryCreate(instance, UriKind.Absolute, out var uri) && MicrosoftLoginHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);

    private static X509Certificate2? LoadCertificate(IReadOnlyList<ClientCertificateOptions> certificates)
    {
        foreach (var certificate in certificates)
        {
            if (string.Equals(certificate.SourceType, "Path", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(certificate.CertificateDiskPath))
            {
                return X509CertificateLoader.LoadPkcs12FromFile(certificate.CertificateDiskPath, certificate.CertificatePassword);
            }

            if (string.Equals(certificate.SourceType, "Base64Encoded", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(certificate.Base64EncodedValue))
            {
                return X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(certificate.Base64EncodedValue), certificate.CertificatePassword);
            }
        }

        return null;
    }

    /// <summary>MSAL asks for an HttpClient; hand it the DI one so TLS trust and handlers are configured in one place.</summary>
    private sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(IdentityHttpClients.Entra);
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

/// <summary>
/// Serializes MSAL's user token cache into an IDistributedCache, one entry per user assertion that
/// expires with its tokens; with Redis every API instance reuses a token any of them obtained.
/// </summary>
public sealed class DistributedTokenCache
{
    private const string KeyPrefix = "ghostassist:msal:";

    public static void Attach(ITokenCache tokenCache, IDistributedCache cache, ILogger<DistributedTokenCache> logger)
    {
        tokenCache.SetBeforeAccessAsync(async args =>
        {
            try
            {
                var bytes = await cache.GetAsync(KeyPrefix + args.SuggestedCacheKey, args.CancellationToken);
                args.TokenCache.DeserializeMsalV3(bytes, shouldClearExistingCache: true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A cache outage costs a token request, not the user's request.
                logger.LogWarning("Token cache read failed ({ExceptionType}); asking Entra ID instead", ex.GetType().Name);
            }
        });
        tokenCache.SetAfterAccessAsync(async args =>
        {
            if (!args.HasStateChanged)
            {
                return;
            }

            try
            {
                var key = KeyPrefix + args.SuggestedCacheKey;
                if (args.HasTokens)
                {
                    var expiry = args.SuggestedCacheExpiry ?? DateTimeOffset.UtcNow.AddHours(1);
                    await cache.SetAsync(key, args.TokenCache.SerializeMsalV3(), new DistributedCacheEntryOptions { AbsoluteExpiration = expiry }, args.CancellationToken);
                }
                else
                {
                    await cache.RemoveAsync(key, args.CancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Token cache write failed ({ExceptionType})", ex.GetType().Name);
            }
        });
    }
}
