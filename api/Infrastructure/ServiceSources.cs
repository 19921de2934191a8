using System.Text.Json.Serialization;

namespace GhostAssist.Api.Infrastructure;

/// <summary>
/// Which implementation each part of GhostAssist runs on. Derived from configuration alone, in one
/// place, so /api/me and the feature registrations can never disagree.
/// </summary>
public sealed record ServiceSources(string Auth, string Mailbox, string Composer, string Invites, string Templates)
{
    public bool IsDemo => Auth == "demo";

    /// <summary>The mailbox (and so invites and Outlook drafts) is the signed-in user's, through Microsoft Graph.</summary>
    [JsonIgnore]
    public bool UsesGraph => Mailbox == "graph";

    /// <summary>Drafts are written by a chat model (Azure OpenAI or an OpenAI-compatible server).</summary>
    [JsonIgnore]
    public bool UsesChatModel => Composer != "builtin";

    [JsonIgnore]
    public bool UsesPostgres => Templates == "postgresql";

    public static ServiceSources From(IConfiguration configuration)
    {
        var entra = !string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]);
        var openAi = !string.IsNullOrWhiteSpace(configuration["AzureOpenAI:Endpoint"]);
        var compatible = string.Equals(configuration["AzureOpenAI:Provider"], "openai-compatible", StringComparison.OrdinalIgnoreCase);
        var postgres = !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Templates"));
        return new ServiceSources(
            Auth: entra ? "entra" : "demo",
            Mailbox: entra ? "graph" : "demo",
            Composer: openAi ? compatible ? "openai-compatible" : "azure-openai" : "builtin",
            Invites: entra ? "graph" : "ics",
            Templates: postgres ? "postgresql" : "sqlite");
    }
}
