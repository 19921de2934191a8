namespace GhostAssist.Api.Identity;

/// <summary>The API's Entra ID app, in Microsoft.Identity.Web's configuration shape.</summary>
public sealed class AzureAdOptions
{
    public string Instance { get; set; } = "https://login.microsoftonline.com/";
    public string TenantId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string Audience { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>The delegated scope the pane requests for this API.</summary>
    public string Scope { get; set; } = "access_as_user";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);
}
