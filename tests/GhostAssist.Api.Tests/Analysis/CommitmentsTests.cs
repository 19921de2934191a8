using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Analysis;
using static GhostAssist.Api.Tests.Analysis.TestThreads;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>The commitments model and the facts for drafting, read from POST /api/analysis as the pane and the composer read them.</summary>
public sealed class CommitmentsTests(FixedClockFactory factory) : IClassFixture<FixedClockFactory>
{
    private static List<JsonElement> Commitments(JsonElement analysis) => analysis.GetProperty("commitments").EnumerateArray().ToList();

    [Fact]
    public async Task AnActionWeAskedOfThemCarriesItsConsequenceAndDateThroughTheReminder()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("c1", Dana, Alex, "2026-11-02T09:00:00Z", "Hi Alex, thanks, the upgrade plan looks good.\n\nDana"),
            Text("c2", Alex, Dana, "2026-11-03T09:00:00Z", "Hi Dana,\n\nTo keep your reporting running after the upgrade, your team needs to approve the new data connector by the 30th.\n\nBest,\nAlex"),
            Text("c3", Alex, Dana, "2026-11-12T09:00:00Z", "Hi Dana,\n\nA reminder that the approval is needed by the 30th.\n\nBest,\nAlex"),
        ]);

        Assert.Equal(2, analysis.GetProperty("unansweredChases").GetInt32());
        Assert.Contains(SignalCodes.ActionRequired, Codes(analysis));
        Assert.Equal(FollowUpKinds.ActionConsequence, Plays(analysis).First());
        var ask = analysis.GetProperty("facts").GetProperty("openAsk");
        Assert.Equal("2026-11-30", ask.GetProperty("due").GetString());
        Assert.Contains("keep your reporting running", ask.GetProperty("consequence").GetString());
        Assert.Equal("c3", ask.GetProperty("messageId").GetString());
        var first = Commitments(analysis).First(c => c.GetProperty("messageId").GetString() == "c2");
        Assert.Equal("ask", first.GetProperty("kind").GetString());
        Assert.Equal("them", first.GetProperty("owner").GetString());
        Assert.Equal("us", first.GetProperty("speaker").GetString());
        Assert.Equal("superseded", first.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OurOwnWishAfterAnAskIsNotItsConsequence()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("w1", Dana, Alex, "2026-11-02T09:00:00Z", "Hi Alex, thanks for the proposal, we will review it.\n\nDana"),
            Text("w2", Alex, Dana, "2026-11-10T09:00:00Z", "Hi Dana,\n\nCould you let me know by Friday whether Option B is still the direction you are leaning? I'm keen to keep your November decision on track.\n\nBest,\nAlex"),
        ]);

        var ask = analysis.GetProperty("facts").GetProperty("openAsk");
        Assert.False(ask.TryGetProperty("consequence", out var consequence) && consequence.ValueKind == JsonValueKind.String,
            $"our own wish was read as the consequence: {consequence}");
    }

    [Fact]
    public async Task AConsequenceInTheNextSentenceStillCounts()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("n1", Dana, Alex, "2026-11-02T09:00:00Z", "Hi Alex, the plan looks fine.\n\nDana"),
            Text("n2", Alex, Dana, "2026-11-10T09:00:00Z", "Hi Dana,\n\nYour team needs to approve the connector by the 30th. Otherwise reporting stops after the upgrade.\n\nBest,\nAlex"),
        ]);

        Assert.Contains("reporting stops", analysis.GetProperty("facts").GetProperty("openAsk").GetProperty("consequence").GetString());
    }

    [Fact]
    public async Task AConsequenceSaidInTheFirstPersonKeepsItsCapitalIInTheDraft()
    {
        using var client = factory.CreateClient();
        var messages = new[]
        {
            Text("i1", Dana, Alex, "2026-11-02T09:00:00Z", "Hi Alex, the plan looks fine.\n\nDana"),
            Text("i2", Alex, Dana, "2026-11-10T09:00:00Z", "Hi Dana,\n\nYour team needs to confirm the workshop date by the 30th. Otherwise I'll have to release the trainer's slot.\n\nBest,\nAlex"),
        };
        using var response = await client.PostAsJsonAsync("/api/drafts", new { me = Me, messages, kind = FollowUpKinds.ActionConsequence });
        var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, draft.ToString());
        var text = draft.GetProperty("bodyText").GetString()!;

        Assert.Contains("I'll have to release", text);
        Assert.DoesNotContain("i'll", text);
    }

    [Fact]
    public async Task OurOwnDatedAskIsNeverTheirDeadline()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("d1", Dana, Alex, "2026-11-16T09:00:00Z", "Hi Alex, the workshop was useful, thank you.\n\nDana"),
            Text("d2", Alex, Dana, "2026-11-17T09:00:00Z", "Hi Dana,\n\nCan we agree next steps by Friday?\n\nBest,\nAlex"),
        ]);

        Assert.DoesNotContain(SignalCodes.DeadlineWithoutConsequence, Codes(analysis));
        Assert.Equal(JsonValueKind.Undefined, analysis.GetProperty("facts").TryGetProperty("timeline", out var t) ? t.ValueKind : JsonValueKind.Undefined);
    }

    [Fact]
    public async Task TheirPromiseKeptIsNotADeadlineAndAHealthyThreadGetsNoUrgencyTest()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("h1", Alex, Dana, "2026-11-16T09:00:00Z", "Hi Dana,\n\nCould you send the site contacts for the rollout?\n\nBest,\nAlex"),
            Text("h2", Dana, Alex, "2026-11-16T15:00:00Z", "Hi Alex, I will confirm the site contacts by Thursday.\n\nDana"),
            Text("h3", Dana, Alex, "2026-11-19T10:00:00Z", "Hi Alex, here are the site contacts: Leeds is Sam Reid, York is Ana Cruz. See you at the kick-off on Monday.\n\nDana"),
        ]);

        var promise = Commitments(analysis).Single(c => c.GetProperty("kind").GetString() == "promise");
        Assert.Equal("them", promise.GetProperty("owner").GetString());
        Assert.Equal("kept", promise.GetProperty("status").GetString());
        Assert.DoesNotContain(SignalCodes.DeadlineWithoutConsequence, Codes(analysis));
        Assert.DoesNotContain(FollowUpKinds.UrgencyTest, Plays(analysis));
        Assert.Equal("low", analysis.GetProperty("ghostRisk").GetProperty("level").GetString());
        Assert.Equal(1, analysis.GetProperty("daysSilent").GetInt32());
    }

    [Fact]
    public async Task TheirOwnTimelineIsADeadlineToTest()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("t1", Alex, Dana, "2026-11-09T09:00:00Z", "Hi Dana,\n\nAttached is the proposal with two options and pricing.\n\nBest,\nAlex"),
            Text("t2", Dana, Alex, "2026-11-10T09:00:00Z", "Thanks Alex. Our contract runs out at the end of January, so we need to decide this month.\n\nDana"),
            Text("t3", Alex, Dana, "2026-11-11T09:00:00Z", "Hi Dana,\n\nUnderstood. Which option suits you best?\n\nBest,\nAlex"),
        ]);

        Assert.Contains(SignalCodes.DeadlineWithoutConsequence, Codes(analysis));
        Assert.Contains(FollowUpKinds.UrgencyTest, Plays(analysis).Take(3));
        var timeline = analysis.GetProperty("facts").GetProperty("timeline");
        Assert.Equal("2026-11-30", timeline.GetProperty("date").GetString());
        Assert.Equal("t2", timeline.GetProperty("messageId").GetString());
        var deliverables = analysis.GetProperty("facts").GetProperty("deliverables").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["proposal", "options", "pricing"], deliverables);
        Assert.Equal("en", analysis.GetProperty("facts").GetProperty("theirLanguage").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AQuestionOfTheirsWeNeverAnsweredSaysTheSilenceMayBeOurs()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("u1", Alex, Dana, "2026-11-02T09:00:00Z", "Hi Dana,\n\nHere is the renewal quote.\n\nBest,\nAlex"),
            Text("u2", Dana, Alex, "2026-11-05T09:00:00Z", "Hallo Alex, können Sie uns bitte die Preise für zehn weitere Lizenzen schicken? Danke und viele Grüße, Dana"),
        ]);

        Assert.False(analysis.GetProperty("awaitingThem").GetBoolean());
        Assert.Equal(15, analysis.GetProperty("daysSilent").GetInt32());
        Assert.Contains(SignalCodes.UnansweredQuestion, Codes(analysis));
        Assert.Equal("de", analysis.GetProperty("facts").GetProperty("theirLanguage").GetProperty("code").GetString());
    }

    [Fact]
    public async Task APromiseOfTheirsPastItsDateIsOverdue()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("p1", Alex, Dana, "2026-11-02T09:00:00Z", "Hi Dana,\n\nCould you share the list of sites for the pilot?\n\nBest,\nAlex"),
            Text("p2", Dana, Alex, "2026-11-03T09:00:00Z", "Hi Alex, I'll send the site list by Friday.\n\nDana"),
            Text("p3", Alex, Dana, "2026-11-12T09:00:00Z", "Hi Dana,\n\nAny news on the site list?\n\nBest,\nAlex"),
        ]);

        var signal = Signal(analysis, SignalCodes.PromiseOverdue);
        Assert.Equal("p2", signal.GetProperty("evidence")[0].GetProperty("messageId").GetString());
        Assert.Contains(FollowUpKinds.MicroCommitmentRecap, Plays(analysis));
        Assert.Equal(1, analysis.GetProperty("unansweredChases").GetInt32());
        Assert.Contains(SignalCodes.UnansweredChases, Codes(analysis));
    }

    [Fact]
    public async Task TheSchemaDocumentsTheDefinitionsAndDaysSilentIsAlwaysANumber()
    {
        using var client = factory.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var analysis = schemas.GetProperty("Analysis.ThreadAnalysis").GetProperty("properties");
        var daysSilent = analysis.GetProperty("daysSilent");
        Assert.Equal("integer", daysSilent.GetProperty("type").GetString());
        Assert.Contains("Always a number", daysSilent.GetProperty("description").GetString());
        Assert.Contains("since their last real reply", analysis.GetProperty("unansweredChases").GetProperty("description").GetString());
        Assert.Contains("Whose turn", analysis.GetProperty("awaitingThem").GetProperty("description").GetString());
        Assert.Contains("superseded", schemas.GetProperty("Analysis.Commitment").GetProperty("properties").GetProperty("status").GetProperty("description").GetString());
    }
}
