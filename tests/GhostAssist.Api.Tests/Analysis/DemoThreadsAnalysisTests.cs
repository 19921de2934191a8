using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Tests.Infrastructure;
using static GhostAssist.Api.Tests.Analysis.TestThreads;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>The embedded demo mailbox read end to end: the seeds' situations come out as the seeds advise.</summary>
public sealed class DemoThreadsAnalysisTests(GhostAssistFactory factory) : IClassFixture<GhostAssistFactory>
{
    private async Task<JsonElement> AnalysisOf(string conversationId)
    {
        using var client = factory.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>($"/api/threads/{conversationId}/analysis");
    }

    [Fact]
    public async Task PickThisUpInJanuaryIsReEngageFirst()
    {
        var analysis = await AnalysisOf("demo-lumen-january");
        Assert.Contains(SignalCodes.Postponed, Codes(analysis));
        Assert.Equal(FollowUpKinds.ReEngage, Plays(analysis).First());
    }

    [Fact]
    public async Task ContactWhoSaysGoThroughMeWhileSomeoneElseSignsOffCallsForMultiThreading()
    {
        var analysis = await AnalysisOf("demo-pellham-decision");
        Assert.True(analysis.GetProperty("awaitingThem").GetBoolean());
        Assert.Equal(FollowUpKinds.MultiThread, Plays(analysis).First());
    }

    [Fact]
    public async Task OutOfOfficeReplyDoesNotCountAsTheirAnswer()
    {
        var analysis = await AnalysisOf("demo-saltmarsh-pilot");
        Assert.Contains(analysis.GetProperty("messages").EnumerateArray(), m => m.GetProperty("isAutoReply").GetBoolean());
        Assert.Contains(SignalCodes.NeverReplied, Codes(analysis));
    }

    [Fact]
    public async Task EveryDemoThreadIsAnalysedWithEvidenceFromItsOwnMessages()
    {
        using var client = factory.CreateClient();
        var radar = await client.GetFromJsonAsync<JsonElement>("/api/threads");
        Assert.True(radar.GetArrayLength() >= 10);
        foreach (var item in radar.EnumerateArray())
        {
            var analysis = await AnalysisOf(item.GetProperty("conversationId").GetString()!);
            var ids = analysis.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToHashSet();
            Assert.All(analysis.GetProperty("signals").EnumerateArray().SelectMany(s => s.GetProperty("evidence").EnumerateArray()),
                e => Assert.Contains(e.GetProperty("messageId").GetString(), ids));
            Assert.All(analysis.GetProperty("messages").EnumerateArray(), m =>
            {
                var text = m.GetProperty("newText").GetString()!;
                Assert.DoesNotContain("wrote:", text);
                Assert.DoesNotContain("\n>", text);
            });
        }

        var awaiting = radar.EnumerateArray().Select(i => i.GetProperty("awaitingThem").GetBoolean()).ToList();
        Assert.Equal(awaiting.OrderByDescending(a => a), awaiting);
    }
}
