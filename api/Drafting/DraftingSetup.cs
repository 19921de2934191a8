using Microsoft.Extensions.DependencyInjection.Extensions;
using GhostAssist.Api.Analysis;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Drafting;

public static class DraftingSetup
{
    public static WebApplicationBuilder AddDrafting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AzureOpenAIOptions>()
            .Bind(builder.Configuration.GetSection(AzureOpenAIOptions.Section))
            .Validate(o => !o.IsConfigured || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                "AzureOpenAI:Endpoint must be an absolute URL such as https://NAME.openai.azure.com/openai/v1/.")
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.Deployment), "AzureOpenAI:Deployment is required when AzureOpenAI:Endpoint is set.")
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.ApiKey), "AzureOpenAI:ApiKey is required when AzureOpenAI:Endpoint is set.")
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 300, "AzureOpenAI:TimeoutSeconds must be between 1 and 300.")
            .ValidateOnStart();

        services.AddSingleton<BuiltInComposer>();
        var openAi = builder.Configuration.GetSection(AzureOpenAIOptions.Section).Get<AzureOpenAIOptions>();
        if (openAi?.IsConfigured == true)
        {
            services.AddSingleton(sp => AzureOpenAIComposer.CreateClient(sp.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value));
            services.AddSingleton(sp => new AzureOpenAIComposer(
                sp.GetRequiredService<OpenAI.Chat.ChatClient>(),
                sp.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value,
                sp.GetRequiredService<ILogger<AzureOpenAIComposer>>()));
            services.AddSingleton<IDraftComposer>(sp => sp.GetRequiredService<AzureOpenAIComposer>());
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
            return thread => analysis.Analyze(thread);
        });
        services.AddScoped<DraftService>();
        return builder;
    }
}
