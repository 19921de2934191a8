using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Analysis;

public static class AnalysisApi
{
    /// <summary>A thread given in the body: the mailbox owner's address and Graph messages.</summary>
    public sealed record AnalysisRequest(string? Me, IReadOnlyList<GraphMessage>? Messages);

    public static RouteGroupBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/analysis").WithTags("Analysis");
        // Replaced by the thread analysis feature.
        group.MapPost("/", (AnalysisRequest request) => Results.Problem(statusCode: 501, title: "Not implemented", detail: "Thread analysis is not implemented yet."));
        return group;
    }
}
