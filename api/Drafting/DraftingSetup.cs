using Microsoft.Extensions.DependencyInjection.Extensions;
using GhostAssist.Api.Analysis;
using Azure.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Drafting;

public static class DraftingSetup
{
    public static WebApplicationBuilder AddDrafting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AzureOpenAIOptions>()
            .Bind(builder.Configuration.GetSection(AzureOpenAIOptions.Section))
            .Validate(o => !o.IsConfigured || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                "AzureOpenAI:Endpoint must be an absolute URL such as https://NAME.openai.azure.com/ (or http://localhost:11434/v1/ for an OpenAI-compatible server).")
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.Deployment), "AzureOpenAI:Deployment is required when AzureOpenAI:Endpoint is set (the model name for an OpenAI-compatible server).")
            .Validate(o => o.IsAzure || string.Equals(o.Provider, AzureOpenAIOptions.CompatibleProvider, StringComparison.OrdinalIgnoreCase),
                "AzureOpenAI:Provider must be azure or openai-compatible.")
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 300, "AzureOpenAI:TimeoutSeconds must be between 1 and 300.")
            .ValidateOnStart();

        services.AddSingleton<BuiltInComposer>();
        if (ServiceSources.From(builder.Configuration).UsesChatModel)
        {
            // Keyless Azure OpenAI takes a registered TokenCredential when there is one (tests), DefaultAzureCredential otherwise.
            services.AddChatClient(sp => ChatModel.Create(sp.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value, sp.GetService<TokenCredential>()));
            services.AddSingleton(sp => new ModelComposer(
                sp.GetRequiredService<IChatClient>(),
                sp.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value,
                sp.GetRequiredService<ILogger<ModelComposer>>()));
            services.AddSingleton<IDraftComposer>(sp => sp.GetRequiredService<ModelComposer>());
        }
        else
        {
            services.AddSingleton<IDraftComposer>(sp => sp.GetRequiredService<BuiltInComposer>());
        }

        // Drafting has threads analysed by the analysis feature's service (registered by AddAnalysis),
        // behind the same entry checks as every other feature (no messages, more than Analysis:MaxMessages).
        services.TryAddSingleton<AnalyzeThread>(sp =>
        {
            var analysis = sp.GetRequiredService<ThreadAnalysisService>();
            return (thread, cancellationToken) => analysis.Analyze(thread, cancellationToken);
        });
        services.AddScoped<DraftService>();
        return builder;
    }
}
