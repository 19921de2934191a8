using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GhostAssist.Api.Tests.Analysis.TestThreads;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>The radar and the per-thread analysis, over a mailbox of threads the tests write.</summary>
public sealed class ThreadsApiTests : IAsyncLifetime
{
    private GhostAssistFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = GhostAssistFactory.Create(new Dictionary<string, string?>(), services =>
        {
            FixedClock(services);
            services.AddScoped<IMailboxSource, ListMailbox>();
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task RadarListsThreadsAwaitingThemFirstRiskiestFirst()
    {
        using var client = _factory.CreateClient();
        var radar = await client.GetFromJsonAsync<JsonElement>("/api/threads");

        var ids = radar.EnumerateArray().Select(i => i.GetProperty("conversationId").GetString()).ToList();
        Assert.Equal(["ghosted", "fresh", "we-owe"], ids);
        var top = radar[0];
        Assert.True(top.GetProperty("awaitingThem").GetBoolean());
        Assert.Equal("Dana Whitfield", top.GetProperty("contact").GetProperty("name").GetString());
        Assert.Equal("Northwind Traders", top.GetProperty("contact").GetProperty("company").GetString());
        Assert.Equal(4, top.GetProperty("unansweredChases").GetInt32());
        Assert.Equal(43, top.GetProperty("daysSilent").GetInt32());
        Assert.Equal("high", top.GetProperty("ghostRisk").GetProperty("level").GetString());
        Assert.NotEmpty(top.GetProperty("reasons").EnumerateArray());
        Assert.Equal("2026-11-02T10:00:00+00:00", top.GetProperty("lastMessageAt").GetString());
        Assert.Equal("multi-thread", top.GetProperty("nextPlay").GetString());
        Assert.False(radar[2].GetProperty("awaitingThem").GetBoolean());
    }

    [Fact]
    public async Task ThreadAnalysisComesFromTheMailbox()
    {
        using var client = _factory.CreateClient();
        var analysis = await client.GetFromJsonAsync<JsonElement>("/api/threads/ghosted/analysis");

        Assert.Equal("ghosted", analysis.GetProperty("conversationId").GetString());
        Assert.Equal(Me, analysis.GetProperty("me").GetString());
        Assert.Contains(SignalCodes.UnansweredChases, Codes(analysis));
    }

    [Fact]
    public async Task UnknownThreadIsNotFoundProblem()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/api/threads/no-such-thread/analysis");
        await AssertProblem(response, HttpStatusCode.NotFound, "No conversation");
    }

    private sealed class ListMailbox : IMailboxSource
    {
        private static readonly List<MailThread> Threads =
        [
            new("fresh", Me,
            [
                Text("f1", Alex, Dana, "2026-11-18T09:00:00Z", "Hi Dana,\n\nHere is the recap of today's call. Could you share the security questionnaire?\n\nBest,\nAlex"),
            ]),
            new("we-owe", Me,
            [
                Text("w1", Alex, Dana, "2026-11-10T09:00:00Z", "Hi Dana, the renewal quote is attached."),
                Text("w2", Dana, Alex, "2026-11-19T09:00:00Z", "Thanks Alex, can you add ten more seats?"),
            ]),
            new("ghosted", Me, Ghosted()),
        ];

        public string Kind => "test";

        public Task<string> GetMeAsync(CancellationToken cancellationToken) => Task.FromResult(Me);

        public Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken) =>
            Task.FromResult(Threads.FirstOrDefault(t => t.ConversationId == conversationId));

        public Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<MailThread>>(Threads);
    }
}
