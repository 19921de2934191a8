using System.Security.Claims;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Outcomes;

namespace GhostAssist.Api.Threads;

public static class ThreadsApi
{
    /// <summary>The other side of a radar row.</summary>
    public sealed record RadarContact(string? Name, string? Address, string? Company);

    /// <summary>One radar row: enough for the pane to list, sort and explain a thread without opening it.</summary>
    public sealed record RadarItem(
        string ConversationId,
        string Subject,
        RadarContact Contact,
        DateTimeOffset? LastMessageAt,
        int? DaysSilent,
        int UnansweredChases,
        bool AwaitingThem,
        GhostRisk GhostRisk,
        IReadOnlyList<string> Reasons,
        string? NextPlay)
    {
        /// <summary>Set when this thread could not be analysed: the row is still listed, the rest of the radar is not affected.</summary>
        public string? Warning { get; init; }
    }

    private const string FailedRowWarning = "This thread could not be analysed; open it in Outlook to read it.";

    public static RouteGroupBuilder MapThreads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/threads").WithTags("Threads");

        group.MapGet("/", async (IMailboxSource mailbox, ThreadAnalyzer analyzer, ILoggerFactory loggers, OutcomeService outcomes, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        {
            var threads = await mailbox.GetRecentThreadsAsync(cancellationToken);
            var items = new List<RadarItem>(threads.Count);
            var read = new List<(MailThread, ThreadAnalysis)>(threads.Count);
            foreach (var thread in threads)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (thread.Messages.Count == 0 || thread.Messages.Count > analyzer.MaxMessages)
                {
                    continue;
                }

                // Charged outside the try: a caller over its budget gets a 429, not a row of failures.
                AnalysisCost.ChargeCurrent(thread.Messages);
                ThreadAnalysis analysis;
                try
                {
                    analysis = analyzer.Analyze(thread.Me, thread.Messages, thread.ConversationId, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One thread the analysis cannot read must not take the whole list down: it gets a row saying so.
                    // The log names the thread by id and the exception by type only: no mail text, no address.
                    loggers.CreateLogger(typeof(ThreadsApi)).LogWarning("Radar: thread {ConversationId} could not be analysed ({ExceptionType})",
                        LogSafe.Id(thread.ConversationId), exception.GetType().Name);
                    items.Add(FailedRow(thread));
                    continue;
                }

                read.Add((thread, analysis));
                var contact = analysis.Participants.FirstOrDefault(p => p.IsMainContact);
                items.Add(new RadarItem(
                    analysis.ConversationId,
                    analysis.Subject,
                    new RadarContact(contact?.Name, contact?.Address, contact?.Organisation),
                    analysis.Messages.Where(m => m.SentDateTime is not null && m.SentDateTime <= analysis.AnalyzedAt.AddMinutes(10)).Max(m => m.SentDateTime),
                    analysis.DaysSilent,
                    analysis.UnansweredChases,
                    analysis.AwaitingThem,
                    analysis.GhostRisk,
                    analysis.Signals.Take(3).Select(s => s.Message).ToList(),
                    analysis.Recommended.FirstOrDefault()?.Kind));
            }

            await outcomes.ObserveAsync(AppUser.From(principal), read, cancellationToken);

            // Threads waiting on the other side first, riskiest first, longest silence breaking ties.
            return TypedResults.Ok(items
                .OrderByDescending(i => i.AwaitingThem)
                .ThenByDescending(i => i.GhostRisk.Score)
                .ThenByDescending(i => i.DaysSilent ?? -1)
                .ThenBy(i => i.ConversationId, StringComparer.Ordinal)
                .ToList());
        })
        .WithSummary("The radar: recent threads analysed, those awaiting the other side first, riskiest first.");

        group.MapGet("/{conversationId}/analysis", async (string conversationId, ThreadResolver threads, ThreadAnalysisService analysis, OutcomeService outcomes, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        {
            var thread = await threads.ByIdAsync(conversationId, cancellationToken);
            var analysed = analysis.Analyze(thread, cancellationToken);
            await outcomes.ObserveAsync(AppUser.From(principal), [(thread, analysed)], cancellationToken);
            return TypedResults.Ok(analysed);
        })
        .WithSummary("Analyses a thread of the mailbox.")
        .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);

        return group;
    }

    private static RadarItem FailedRow(MailThread thread)
    {
        var subject = thread.Messages.Select(m => m?.Subject).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? "";
        var last = thread.Messages.Select(m => m?.When).Where(w => w is not null).Max();
        // Listed with the threads awaiting them (the user has to look), after every scored one.
        return new RadarItem(thread.ConversationId, TextCues.Quote(subject, 200), new RadarContact(null, null, null), last, null, 0, true,
            new GhostRisk(0, "low", []), [FailedRowWarning], null) { Warning = FailedRowWarning };
    }
}
