using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using OpenAI;

namespace GhostAssist.Api.Drafting;

/// <summary>
/// The language model that drafts, when one is configured. Azure OpenAI (the default) takes the
/// resource endpoint (https://NAME.openai.azure.com/) and a deployment, with an API key or, without
/// one, keyless Entra ID (managed identity in Azure, the developer's sign-in elsewhere). Any
/// OpenAI-compatible endpoint (a local Ollama or vLLM) takes its base URL (http://localhost:11434/v1/)
/// and a model name in Deployment.
/// </summary>
public sealed class AzureOpenAIOptions
{
    public const string Section = "AzureOpenAI";
    public const string AzureProvider = "azure";
    public const string CompatibleProvider = "openai-compatible";

    public string? Endpoint { get; set; }

    /// <summary>Without a key, Azure OpenAI is called with an Entra ID token (DefaultAzureCredential).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The Azure deployment name, or the model name of an OpenAI-compatible endpoint.</summary>
    public string? Deployment { get; set; }

    /// <summary>azure (default) or openai-compatible.</summary>
    public string Provider { get; set; } = AzureProvider;

    /// <summary>A user-assigned managed identity's client id, for keyless Azure OpenAI.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>After this, the built-in composer drafts instead: the pane must not wait on a slow model.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public bool IsAzure => string.Equals(Provider, AzureProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>The provider name drafts report: azure-openai or openai-compatible.</summary>
    public string ProviderName => IsAzure ? "azure-openai" : CompatibleProvider;

    /// <summary>How warnings name the model to the user.</summary>
    public string DisplayName => IsAzure ? "Azure OpenAI" : "The language model";
}

/// <summary>Builds the one <see cref="IChatClient"/> drafting talks to, on the Azure OpenAI or OpenAI SDK.</summary>
public static class ChatModel
{
    public static IChatClient Create(AzureOpenAIOptions options, TokenCredential? credential = null)
    {
        var endpoint = new Uri(options.Endpoint!);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds));
        // A retry would spend the user's time budget; the built-in composer is the retry.
        var noRetries = new ClientRetryPolicy(maxRetries: 0);
        if (options.IsAzure)
        {
            var azureOptions = new AzureOpenAIClientOptions { NetworkTimeout = timeout, RetryPolicy = noRetries };
            var azure = string.IsNullOrWhiteSpace(options.ApiKey)
                ? new AzureOpenAIClient(endpoint, credential ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId }), azureOptions)
                : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), azureOptions);
            return azure.GetChatClient(options.Deployment).AsIChatClient();
        }

        var openAiOptions = new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = timeout, RetryPolicy = noRetries };
        // Local servers take no key, but the SDK requires one: any value does.
        var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "none" : options.ApiKey);
        return new OpenAIClient(key, openAiOptions).GetChatClient(options.Deployment).AsIChatClient();
    }
}
