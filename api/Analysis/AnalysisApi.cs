using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using GhostAssist.Api.People;

namespace GhostAssist.Api.Analysis;

public static class AnalysisApi
{
    /// <summary>A thread given in the body: the mailbox owner's address and Graph messages.</summary>
    public sealed record AnalysisRequest(string? Me, IReadOnlyList<GraphMessage?>? Messages);

    public static RouteGroupBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/analysis").WithTags("Analysis");
        group.MapPost("/", (AnalysisRequest? request, ThreadAnalyzer analyzer, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            if (request is null)
            {
                throw ApiProblemException.BadRequest("The body must be a JSON object: { \"me\": \"address\", \"messages\": [ Graph messages ] }.");
            }

            var me = RequireAddress(request.Me);
            if (request.Messages is null)
            {
                throw ApiProblemException.BadRequest("\"messages\" is required: the thread's messages in Microsoft Graph's message shape.");
            }

            var analysis = Analyze(analyzer, me, request.Messages, conversationId: null, cancellationToken);
            loggers.CreateLogger(typeof(AnalysisApi)).LogInformation("Analysed a posted thread of {Count} messages (risk {Score})", analysis.Messages.Count, analysis.GhostRisk.Score);
            return TypedResults.Ok(analysis);
        })
        .WithSummary("Analyses a thread given in the body (Graph message JSON).")
        .ProducesProblem(400).ProducesProblem(413).ProducesProblem(422);
        return group;
    }

    /// <summary>Runs the analyzer after the checks every entry point shares (no messages, too many).</summary>
    internal static ThreadAnalysis Analyze(ThreadAnalyzer analyzer, string me, IReadOnlyList<GraphMessage?> messages, string? conversationId, CancellationToken cancellationToken = default)
    {
        var present = messages.Count(m => m is not null);
        if (present == 0)
        {
            throw ApiProblemException.Unprocessable("The thread has no messages to analyse.");
        }

        if (messages.Count > analyzer.MaxMessages)
        {
            throw ApiProblemException.Unprocessable(
                $"The thread has {messages.Count:N0} messages; at most {analyzer.MaxMessages:N0} can be analysed at once. Send the most recent ones.",
                new Dictionary<string, object?> { ["maxMessages"] = analyzer.MaxMessages });
        }

        AnalysisCost.ChargeCurrent(messages);
        using var span = Telemetry.Start("analyze thread");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var analysis = analyzer.Analyze(me, messages, conversationId, cancellationToken);
        Telemetry.RecordAnalysis(System.Diagnostics.Stopwatch.GetElapsedTime(started), present);
        return analysis;
    }

    private static string RequireAddress(string? me)
    {
        if (string.IsNullOrWhiteSpace(me))
        {
            throw ApiProblemException.BadRequest("\"me\" is required: the mailbox owner's email address, which tells our side from theirs.");
        }

        return EmailAddresses.Normalize(me)
            ?? throw ApiProblemException.BadRequest("\"me\" must be a plain email address such as alex@contoso.com.");
    }
}
