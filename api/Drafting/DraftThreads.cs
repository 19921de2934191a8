using GhostAssist.Api.Analysis;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Drafting;

/// <summary>
/// How drafting gets a thread's analysis: the thread analysis feature's analyzer, resolved once
/// per request. A delegate, so drafting depends on the contract (ThreadAnalysis) and not on how
/// the analyzer is built.
/// </summary>
public delegate ThreadAnalysis AnalyzeThread(MailThread thread);

internal static class DraftThreads
{
    /// <summary>Registered only when nothing else provides the analysis: says so plainly instead of guessing.</summary>
    public static ThreadAnalysis Unavailable(MailThread thread) =>
        throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Thread analysis is not available",
            "Drafting needs the thread analysis, which this build of the API does not include.");
}
