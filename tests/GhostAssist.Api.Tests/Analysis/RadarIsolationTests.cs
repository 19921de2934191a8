using System.Collections;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GhostAssist.Api.Tests.Analysis.TestThreads;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>The radar analyses each thread on its own: one it cannot read is a row with a warning, never a 500.</summary>
public sealed class RadarIsolationTests : IAsyncLifetime
{
    private GhostAssistFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = GhostAssistFactory.Create(new Dictionary<string, string?>(), services =>
        {
            FixedClock(services);
            services.AddScoped<IMailboxSource, MailboxWithABrokenThread>();
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task OneThreadThatFailsIsARowWithAWarningAndTheOthersAreStillScored()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/api/threads");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");

        var rows = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        Assert.Equal(["ghosted", "fiscal", "broken"], rows.Select(r => r.GetProperty("conversationId").GetString()));
        var broken = rows[2];
        Assert.Contains("could not be analysed", broken.GetProperty("warning").GetString());
        Assert.Equal(broken.GetProperty("warning").GetString(), broken.GetProperty("reasons")[0].GetString());
        Assert.Equal("Broken thread", broken.GetProperty("subject").GetString());
        Assert.Equal("high", rows[0].GetProperty("ghostRisk").GetProperty("level").GetString());
        Assert.False(rows[0].TryGetProperty("warning", out _));
    }

    [Fact]
    public async Task AMessageNamingAFiscalQuarterIsAnalysedNotAServerError()
    {
        using var client = _factory.CreateClient();
        var analysis = await client.GetFromJsonAsync<JsonElement>("/api/threads/fiscal/analysis");
        Assert.Equal("fiscal", analysis.GetProperty("conversationId").GetString());
    }

    private sealed class MailboxWithABrokenThread : IMailboxSource
    {
        private static readonly List<MailThread> Threads =
        [
            new("fiscal", Me,
            [
                Text("q1", Alex, Dana, "2026-11-12T09:00:00Z", "Hi Dana,\n\nThe rollout plan assumes a go-live in Q3 FY26 and budget in FY2027. Could you confirm H2 still works?\n\nBest,\nAlex"),
            ]),
            new("broken", Me, new UnreadableMessages([Text("b1", Alex, Dana, "2026-11-10T09:00:00Z", "Hi Dana, any news?", subject: "Broken thread")])),
            new("ghosted", Me, Ghosted()),
        ];

        public string Kind => "test";

        public Task<string> GetMeAsync(CancellationToken cancellationToken) => Task.FromResult(Me);

        public Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken) =>
            Task.FromResult(Threads.FirstOrDefault(t => t.ConversationId == conversationId));

        public Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<MailThread>>(Threads);
    }

    /// <summary>A thread whose messages cannot be read one by one: stands for any defect the analysis meets in one thread.</summary>
    private sealed class UnreadableMessages(List<GraphMessage> inner) : IReadOnlyList<GraphMessage>
    {
        public GraphMessage this[int index] => throw new InvalidOperationException("This message cannot be read.");

        public int Count => inner.Count;

        public IEnumerator<GraphMessage> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
