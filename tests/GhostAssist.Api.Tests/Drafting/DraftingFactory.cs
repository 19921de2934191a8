using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GhostAssist.Api.Tests.Drafting;

/// <summary>
/// The real app with a mailbox of the <see cref="DraftingThreads"/> situations and their analyses
/// at a fixed now, so drafting's endpoints are tested on their own; DemoDraftingTests runs the whole
/// chain (demo mailbox, analyzer, composer) end to end.
/// </summary>
public sealed class DraftingFactory : GhostAssistFactory
{
    public DraftingFactory() : this(new Dictionary<string, string?>())
    {
    }

    private DraftingFactory(IDictionary<string, string?> settings, Action<IServiceCollection>? more = null)
        : base(settings, services =>
        {
            Register(services);
            more?.Invoke(services);
        })
    {
    }

    public static GhostAssistFactory Create(IDictionary<string, string?> settings, Action<IServiceCollection>? more = null) => new DraftingFactory(settings, more);

    public static void Register(IServiceCollection services)
    {
        var analyses = DraftingThreads.All().ToDictionary(a => a.ConversationId);
        services.AddSingleton<TimeProvider>(new FixedTime(DraftingThreads.Now));
        services.AddScoped<IMailboxSource>(_ => new ThreadsMailbox(analyses.Values.Select(DraftingThreads.AsMailThread).ToList()));
        services.AddSingleton<AnalyzeThread>((thread, _) => analyses.TryGetValue(thread.ConversationId, out var analysis)
            ? analysis with { Me = thread.Me }
            : throw new InvalidOperationException($"No test analysis for {thread.ConversationId}."));
    }

    /// <summary>A mailbox holding given threads (the demo mailbox's threads are tested end to end elsewhere).</summary>
    private sealed class ThreadsMailbox(IReadOnlyList<MailThread> threads) : IMailboxSource
    {
        public string Kind => "test";

        public Task<string> GetMeAsync(CancellationToken cancellationToken) => Task.FromResult(DraftingThreads.Me);

        public Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken) =>
            Task.FromResult(threads.FirstOrDefault(t => t.ConversationId == conversationId));

        public Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken) => Task.FromResult(threads);
    }
}
