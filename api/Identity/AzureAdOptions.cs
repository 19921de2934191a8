namespace GhostAssist.Api.Identity;

/// <summary>The API's Entra ID app, in Microsoft.Identity.Web's configuration shape.</summary>
public sealed class AzureAdOptions
{
    public string Instance { get; set; } = "https://login.microsoftonline.com/";
    public string TenantId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string Audience { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>Certificates the API proves itself with instead of a secret (Microsoft.Identity.Web's shape; Path and Base64Encoded sources).</summary>
    public List<ClientCertificateOptions> ClientCertificates { get; set; } = [];

    /// <summary>The delegated scope the pane requests for this API.</summary>
    public string Scope { get; set; } = "access_as_user";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Organizations or common: any tenant's users may sign in, so the issuer is checked per tenant.</summary>
    public bool IsMultiTenant =>
        string.Equals(TenantId, "organizations", StringComparison.OrdinalIgnoreCase)
        || string.Equals(TenantId, "common", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Instance with exactly one trailing slash.</summary>
    public string InstanceRoot => Instance.TrimEnd('/') + "/";

    /// <summary>Where MSAL (and the pane) sign in: {Instance}{TenantId}.</summary>
    public string Authority => InstanceRoot + TenantId;

    /// <summary>The issuer an access token for tenant <paramref name="tenantId"/> carries (v2 tokens).</summary>
    public string IssuerFor(string tenantId) => $"{InstanceRoot}{tenantId}/v2.0";

    /// <summary>The Application ID URI the pane asks a token for.</summary>
    public string ApplicationIdUri => !string.IsNullOrWhiteSpace(Audience) && Audience.Contains("://", StringComparison.Ordinal)
        ? Audience.TrimEnd('/')
        : $"api://{ClientId}";

    public IReadOnlyList<string> ValidAudiences =>
        new[] { Audience, $"api://{ClientId}", ClientId }.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal).ToArray();
}

public sealed class ClientCertificateOptions
{
    /// <summary>"Path" (a PFX file) or "Base64Encoded" (the PFX bytes, e.g. from a secret store).</summary>
    public string SourceType { get; set; } = "Path";
    public string? CertificateDiskPath { get; set; }
    public string? CertificatePassword { get; set; }
    public string? Base64EncodedValue { get; set; }
}
