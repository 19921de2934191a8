namespace GhostAssist.Api.Analysis;

public static class AnalysisSetup
{
    public static WebApplicationBuilder AddAnalysis(this WebApplicationBuilder builder)
    {
        return builder;
    }
}
