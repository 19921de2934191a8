using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Tests.Infrastructure;
using static GhostAssist.Api.Tests.Analysis.TestThreads;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>The embedded demo mailbox read end to end: the seeds' situations come out as the seeds advise.</summary>
public sealed class DemoThreadsAnalysisTests(GhostAssistFactory factory, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<GhostAssistFactory>
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

    private async Task<List<JsonElement>> AllDemoAnalyses()
    {
        using var client = factory.CreateClient();
        var radar = await client.GetFromJsonAsync<JsonElement>("/api/threads");
        var all = new List<JsonElement>();
        foreach (var item in radar.EnumerateArray())
        {
            all.Add(await AnalysisOf(item.GetProperty("conversationId").GetString()!));
        }

        return all;
    }

    [Fact]
    public async Task EveryRecommendedPlayOfEveryDemoThreadCanBeDrafted()
    {
        using var client = factory.CreateClient();
        foreach (var analysis in await AllDemoAnalyses())
        {
            var id = analysis.GetProperty("conversationId").GetString();
            var plays = Plays(analysis).ToList();
            Assert.NotEmpty(plays);
            foreach (var kind in plays)
            {
                using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = id, kind });
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{id} {kind}: {(int)response.StatusCode} {body}");
                output.WriteLine($"--- {id} {kind}\n{JsonDocument.Parse(body).RootElement.GetProperty("bodyText").GetString()}");
            }
        }
    }

    [Fact]
    public async Task ProposalChasedForWeeksWithADecisionDateButNoConsequenceLeadsWithTheUrgencyTest()
    {
        var analysis = await AnalysisOf("demo-harrowgate-proposal");
        var plays = Plays(analysis).ToList();
        Assert.Equal(FollowUpKinds.UrgencyTest, plays[0]);
        Assert.Contains(FollowUpKinds.CalendarInvite, plays.Take(3));
        // Nobody else on their side is known, so the second-stakeholder note is not offered; the urgency test asks who signs off.
        Assert.DoesNotContain(FollowUpKinds.MultiThread, plays);
        Assert.Contains("signs off", analysis.GetProperty("recommended")[0].GetProperty("why").GetString());
        Assert.Equal(FollowUpKinds.WorriedCheckIn, plays[^1]);
    }

    [Fact]
    public async Task HarrowgateFactsAreShortClausesAndNameWhatTheBoardWants()
    {
        var facts = (await AnalysisOf("demo-harrowgate-proposal")).GetProperty("facts");
        var deadline = facts.GetProperty("deadline").GetProperty("text").GetString()!;
        Assert.Contains("decision", deadline);
        Assert.DoesNotContain("…", deadline);
        Assert.Contains(facts.GetProperty("outcomes").EnumerateArray(), o => o.GetString()!.Contains("redelivery costs fixed before peak"));
        Assert.Equal("We really need to make a decision in", facts.GetProperty("statedGoal").GetString()![..36]);
    }

    [Fact]
    public async Task EveryDemoThreadHasAContactCompanyAndTopicAndNoFactRunsLong()
    {
        foreach (var analysis in await AllDemoAnalyses())
        {
            var id = analysis.GetProperty("conversationId").GetString();
            var facts = analysis.GetProperty("facts");
            output.WriteLine($"{id}: {facts}");
            foreach (var name in new[] { "contactFirstName", "company", "lastTopic" })
            {
                Assert.True(facts.TryGetProperty(name, out var value) && value.GetString() is { Length: > 1 }, $"{id}: no {name}");
            }

            var texts = new List<string>();
            foreach (var name in new[] { "deadline", "nextStep", "postponement" })
            {
                if (facts.TryGetProperty(name, out var mention))
                {
                    texts.Add(mention.GetProperty("text").GetString()!);
                }
            }

            foreach (var name in new[] { "statedGoal", "lastAsk", "lastTopic" })
            {
                if (facts.TryGetProperty(name, out var value))
                {
                    texts.Add(value.GetString()!);
                }
            }

            texts.AddRange(facts.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()!));
            Assert.All(texts, text =>
            {
                Assert.InRange(text.Length, 2, 110);
                Assert.DoesNotContain("…", text);
            });
        }
    }

    [Fact]
    public async Task RadarKeepsHighForThreadsWhereSeveralStrongSignalsAgree()
    {
        using var client = factory.CreateClient();
        var radar = (await client.GetFromJsonAsync<JsonElement>("/api/threads")).EnumerateArray().ToList();
        var levels = radar.Select(i => i.GetProperty("ghostRisk").GetProperty("level").GetString()).ToList();
        output.WriteLine(string.Join('\n', radar.Select(i => $"{i.GetProperty("conversationId")} {i.GetProperty("ghostRisk")}")));
        Assert.InRange(levels.Count(l => l == "high"), 2, levels.Count / 2);
        Assert.Contains("low", levels);
        var scores = radar.Where(i => i.GetProperty("awaitingThem").GetBoolean()).Select(i => i.GetProperty("ghostRisk").GetProperty("score").GetInt32()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }
}
