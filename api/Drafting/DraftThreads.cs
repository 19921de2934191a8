using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Drafting;

/// <summary>
/// How drafting gets a thread's analysis: the thread analysis feature's analyzer, resolved once
/// per request. A delegate, so drafting depends on the contract (ThreadAnalysis) and not on how
/// the analyzer is built. The request's token stops a long analysis when the caller has gone.
/// </summary>
public delegate ThreadAnalysis AnalyzeThread(MailThread thread, CancellationToken cancellationToken);
