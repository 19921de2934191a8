namespace GhostAssist.Api.Analysis;

public static class AnalysisSetup
{
    public static WebApplicationBuilder AddAnalysis(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalysisOptions>().Bind(builder.Configuration.GetSection("Analysis"))
            .Validate(o => o.MaxMessages > 0 && o.MaxBodyChars > 0, "Analysis:MaxMessages and Analysis:MaxBodyChars must be positive.");
        builder.Services.AddSingleton<ThreadAnalyzer>();
        builder.Services.AddSingleton<ThreadAnalysisService>();
        builder.Services.ConfigureSwaggerGen(options => options.SchemaFilter<AnalysisSchemaDocs>());
        return builder;
    }
}
