using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Analysis;

public static class AnalysisApi
{
    /// <summary>A thread given in the body: the mailbox owner's address and Graph messages.</summary>
    public sealed record AnalysisRequest(string? Me, IReadOnlyList<GraphMessage?>? Messages);

    public static RouteGroupBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/analysis").WithTags("Analysis");
        group.MapPost("/", async (AnalysisRequest? request, ThreadResolver threads, ThreadAnalysisService analysis, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            if (request is null)
            {
                throw ApiProblemException.BadRequest("The body must be a JSON object: { \"me\": \"address\", \"messages\": [ Graph messages ] }.");
            }

            // Posted without a mailbox behind it, the thread needs its owner named.
            if (string.IsNullOrWhiteSpace(request.Me))
            {
                throw ApiProblemException.BadRequest("\"me\" is required: the mailbox owner's email address, which tells our side from theirs.");
            }

            if (request.Messages is null)
            {
                throw ApiProblemException.BadRequest("\"messages\" is required: the thread's messages in Microsoft Graph's message shape.");
            }

            var thread = await threads.InBodyAsync(request.Messages, request.Me, conversationId: null, cancellationToken);
            var result = analysis.Analyze(thread, cancellationToken);
            loggers.CreateLogger(typeof(AnalysisApi)).LogInformation("Analysed a posted thread of {Count} messages (risk {Score})", result.Messages.Count, result.GhostRisk.Score);
            return TypedResults.Ok(result);
        })
        .WithSummary("Analyses a thread given in the body (Graph message JSON).")
        .ProducesProblem(400).ProducesProblem(413).ProducesProblem(422);
        return group;
    }
}
