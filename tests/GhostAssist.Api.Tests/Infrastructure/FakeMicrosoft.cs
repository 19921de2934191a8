using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GhostAssist.Api.Tests.Infrastructure;

/// <summary>
/// Entra ID and Microsoft Graph on one loopback TLS server: OpenID metadata and a JWKS for a test
/// signing key, the v2.0 token endpoint answering on-behalf-of requests, and the Graph routes a
/// test maps under /v1.0. The real JwtBearer, MSAL.NET and Graph SDK talk to it over HTTPS.
/// </summary>
public sealed class FakeMicrosoft : IAsyncDisposable
{
    public const string TenantId = "7a1c0c1e-0000-4000-8000-00000000a7e1";
    public const string ClientId = "5d0c1a2b-0000-4000-8000-0000000c11e1";
    public const string ClientSecret = "test-client-secret";
    public const string UserId = "0b0b0b0b-0000-4000-8000-000000000001";
    public const string UserEmail = "dana.owner@contoso.example";

    private readonly ConcurrentQueue<string> _issuedOboTokens = new();
    private readonly ConcurrentQueue<string> _oboUsers = new();
    private int _oboCount;

    private FakeMicrosoft(LoopbackServer server, X509Certificate2 certificate, RsaSecurityKey signingKey)
    {
        Server = server;
        Certificate = certificate;
        SigningKey = signingKey;
    }

    public LoopbackServer Server { get; }

    /// <summary>The server's TLS certificate: the only one the API's HTTP clients are told to trust.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The key whose public half the JWKS publishes.</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>AzureAd:Instance (with its trailing slash).</summary>
    public string Instance => Server.BaseAddress.ToString();

    public string GraphBaseUrl => new Uri(Server.BaseAddress, "v1.0").ToString();

    public string Issuer(string tenant = TenantId) => $"{Instance}{tenant}/v2.0";

    /// <summary>The on-behalf-of tokens handed out, in order.</summary>
    public IReadOnlyList<string> IssuedOboTokens => _issuedOboTokens.ToArray();

    /// <summary>The user (oid of the assertion) of each on-behalf-of token handed out, in order.</summary>
    public IReadOnlyList<string> OboUsers => _oboUsers.ToArray();

    public IReadOnlyList<RecordedRequest> TokenRequests => Server.Requests.Where(r => r.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<RecordedRequest> GraphRequests => Server.Requests.Where(r => r.Path.StartsWith("/v1.0/", StringComparison.Ordinal)).ToList();

    /// <summary>When set and answering non-null for the posted form, the token endpoint answers with this (status, JSON body) instead of a token.</summary>
    public Func<IFormCollection, (int Status, string Body)?>? TokenEndpointOverride { get; set; }

    public static async Task<FakeMicrosoft> StartAsync(Action<IEndpointRouteBuilder>? graph = null)
    {
        var certificate = CreateCertificate();
        var signingKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" };
        FakeMicrosoft? fake = null;
        var server = await LoopbackServer.StartAsync(
            routes =>
            {
                routes.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant, HttpContext context) => Results.Json(new Dictionary<string, object>
                {
                    // Like Entra ID: organizations/common publish a template issuer.
                    ["issuer"] = tenant is "organizations" or "common" ? $"{Base(context)}{{tenantid}}/v2.0" : $"{Base(context)}{tenant}/v2.0",
                    ["authorization_endpoint"] = $"{Base(context)}{tenant}/oauth2/v2.0/authorize",
                    ["token_endpoint"] = $"{Base(context)}{tenant}/oauth2/v2.0/token",
                    ["jwks_uri"] = $"{Base(context)}{tenant}/discovery/v2.0/keys",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
                    ["subject_types_supported"] = new[] { "pairwise" },
                }));
                routes.MapGet("/{tenant}/discovery/v2.0/keys", () =>
                {
                    var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(signingKey.Rsa.ExportParameters(false)) { KeyId = signingKey.KeyId });
                    return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
                });
                routes.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpContext context) => await fake!.TokenAsync(tenant, context));
                graph?.Invoke(routes);
            },
            configure: web => web
                .UseKestrelHttpsConfiguration()
                .ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate)),
            https: true);
        fake = new FakeMicrosoft(server, certificate, signingKey);
        return fake;
    }

    /// <summary>The API's settings for an Entra ID tenant at this server (add or override as needed).</summary>
    public Dictionary<string, string?> Settings(string tenant = TenantId) => new()
    {
        ["AzureAd:Instance"] = Instance,
        ["AzureAd:TenantId"] = tenant,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:ClientSecret"] = ClientSecret,
        ["Graph:BaseUrl"] = GraphBaseUrl,
        ["Graph:RetryDelaySeconds"] = "1",
    };

    /// <summary>
    /// Makes every HTTP client of the API trust this server's certificate, and only it (pinned by
    /// thumbprint). A DI override for tests; the API has no setting that loosens TLS.
    /// </summary>
    public void TrustIn(IServiceCollection services)
    {
        var thumbprint = Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase),
            },
        }));
    }

    /// <summary>An access token for the API as Entra ID would issue it to the pane; every part can be spoiled.</summary>
    public string MintToken(
        string? audience = null,
        string? issuer = null,
        string scopes = "access_as_user",
        string[]? roles = null,
        DateTime? expires = null,
        SecurityKey? signingKey = null,
        string tenant = TenantId,
        string userId = UserId)
    {
        var now = DateTime.UtcNow;
        var notAfter = expires ?? now.AddHours(1);
        var claims = new Dictionary<string, object>
        {
            ["oid"] = userId,
            ["tid"] = tenant,
            ["name"] = "Dana Owner",
            ["preferred_username"] = UserEmail,
            ["ver"] = "2.0",
            ["azp"] = "pane-client-id",
        };
        if (!string.IsNullOrEmpty(scopes))
        {
            claims["scp"] = scopes;
        }

        if (roles is { Length: > 0 })
        {
            claims["roles"] = roles;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer(tenant),
            Audience = audience ?? $"api://{ClientId}",
            IssuedAt = notAfter.AddHours(-1) < now ? notAfter.AddHours(-1) : now,
            NotBefore = notAfter.AddHours(-1) < now ? notAfter.AddHours(-1) : now.AddMinutes(-1),
            Expires = notAfter,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private async Task<IResult> TokenAsync(string tenant, HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (TokenEndpointOverride?.Invoke(form) is { } answer)
        {
            return Results.Content(answer.Body, "application/json", Encoding.UTF8, answer.Status);
        }

        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer" || form["requested_token_use"] != "on_behalf_of"
            || form["client_id"] != ClientId || form["client_secret"] != ClientSecret || string.IsNullOrEmpty(form["assertion"]))
        {
            return Results.Json(new { error = "invalid_request", error_description = "AADSTS900144: not an on-behalf-of request from the test app." }, statusCode: 400);
        }

        // The user the token is for, as Entra ID reads it from the (already validated by the API) assertion.
        var user = new JsonWebTokenHandler().CanReadToken(form["assertion"]) && new JsonWebTokenHandler().ReadJsonWebToken(form["assertion"]!).TryGetPayloadValue<string>("oid", out var oid)
            ? oid
            : UserId;
        var token = $"graph-obo-{tenant}-{Interlocked.Increment(ref _oboCount)}";
        _issuedOboTokens.Enqueue(token);
        _oboUsers.Enqueue(user);
        var clientInfo = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { uid = user, utid = TenantId }));
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = form["scope"].ToString(),
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = token,
            ["client_info"] = clientInfo,
        });
    }

    private static string Base(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/";

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel wants a certificate whose key came from a PKCS#12 load.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
