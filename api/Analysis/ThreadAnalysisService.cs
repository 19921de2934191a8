using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Analysis;

/// <summary>
/// How every feature has a thread analysed: the entry checks they all share (no messages, more than
/// Analysis:MaxMessages, the request's cost), then the analyzer. Endpoints and other features call this,
/// never one another's endpoint classes.
/// </summary>
public sealed class ThreadAnalysisService(ThreadAnalyzer analyzer)
{
    public ThreadAnalysis Analyze(MailThread thread, CancellationToken cancellationToken = default)
    {
        if (thread.Messages.Count == 0)
        {
            throw ApiProblemException.Unprocessable("The thread has no messages to analyse.");
        }

        if (thread.Messages.Count > analyzer.MaxMessages)
        {
            throw ApiProblemException.Unprocessable(
                $"The thread has {thread.Messages.Count:N0} messages; at most {analyzer.MaxMessages:N0} can be analysed at once. Send the most recent ones.",
                new Dictionary<string, object?> { ["maxMessages"] = analyzer.MaxMessages });
        }

        AnalysisCost.ChargeCurrent(thread.Messages);
        using var span = Telemetry.Start("analyze thread");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var analysis = analyzer.Analyze(thread.Me, thread.Messages, thread.ConversationId, cancellationToken);
        Telemetry.RecordAnalysis(System.Diagnostics.Stopwatch.GetElapsedTime(started), thread.Messages.Count);
        return analysis;
    }
}
