using System.Net;
using System.Net.Http.Json;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Foundation;
using static GhostAssist.Api.Tests.Analysis.TestThreads;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>What the analysis recommends, drafting can draft; facts are short clauses a draft can quote.</summary>
public sealed class PlayApplicabilityTests(FixedClockFactory factory) : IClassFixture<FixedClockFactory>
{
    /// <summary>Jodie's thread without the CIO: the proposal was chased for weeks through one contact who set a month and no consequence.</summary>
    private static List<GraphMessage> OneContactChased() =>
    [
        Text("s1", Alex, Dana, "2026-10-30T09:00:00Z", "Hi Dana,\n\nAs promised, attached is the proposal and pricing.\n\nBest,\nAlex", subject: "Proposal and pricing"),
        Text("s2", Dana, Alex, "2026-11-02T10:00:00Z",
            "Thanks Alex. This is urgent for us: the board wants the onboarding costs cut before the busy season, so please get the security questionnaire back to us by Friday at the latest and send the workshop invite to the whole planning team. We really need to make a decision in November.\n\nDana"),
        Text("s3", Alex, Dana, "2026-11-04T09:00:00Z", "Hi Dana,\n\nThe security questionnaire is attached. Could you confirm it answers your team's questions?\n\nBest,\nAlex"),
        Text("s4", Alex, Dana, "2026-11-10T09:00:00Z", "Hi Dana,\n\nFollowing up on the proposal and pricing. Any questions?\n\nBest,\nAlex"),
        Text("s5", Alex, Dana, "2026-11-16T09:00:00Z", "Hi Dana,\n\nAre you still planning to decide this month?\n\nBest,\nAlex"),
    ];

    [Fact]
    public async Task EveryRecommendedPlayDraftsAndNoSecondStakeholderNoteIsOfferedWithoutOne()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client, OneContactChased());
        var plays = Plays(analysis).ToList();

        Assert.Equal(FollowUpKinds.UrgencyTest, plays[0]);
        Assert.DoesNotContain(FollowUpKinds.MultiThread, plays);
        Assert.Equal(FollowUpKinds.WorriedCheckIn, plays[^1]);
        Assert.Contains("who else signs off", analysis.GetProperty("recommended")[0].GetProperty("why").GetString());
        foreach (var kind in plays)
        {
            using var response = await client.PostAsJsonAsync("/api/drafts", new { me = Me, messages = OneContactChased(), kind });
            Assert.True(response.IsSuccessStatusCode, $"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task SecondStakeholderNoteWithoutOneIsRefusedWithTheSameReasonButDraftsForANamedRecipient()
    {
        using var client = factory.CreateClient();
        using var refused = await client.PostAsJsonAsync("/api/drafts", new { me = Me, messages = OneContactChased(), kind = FollowUpKinds.MultiThread });
        await FoundationTests.AssertProblem(refused, HttpStatusCode.UnprocessableEntity, "no second stakeholder");

        using var named = await client.PostAsJsonAsync("/api/drafts", new { me = Me, messages = OneContactChased(), kind = FollowUpKinds.MultiThread, recipient = "sam.lee@northwind-traders.com" });
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
    }

    [Fact]
    public async Task FactsAreTheShortClausesAroundTheirPhrasesAndTheOutcomeTheyWant()
    {
        using var client = factory.CreateClient();
        var facts = (await PostAnalysisAsync(client, OneContactChased())).GetProperty("facts");

        // Their own decision month outranks our question about it; quoted as the clause, not the paragraph.
        Assert.Equal("We really need to make a decision in November", facts.GetProperty("deadline").GetProperty("text").GetString());
        Assert.Equal("November", facts.GetProperty("deadline").GetProperty("phrase").GetString());
        Assert.Equal("We really need to make a decision in November", facts.GetProperty("statedGoal").GetString());
        Assert.Contains("the onboarding costs cut before the busy season", facts.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()));
    }

    [Theory]
    [InlineData("This is urgent for us: the board wants the redelivery costs fixed before peak, so please get the security pack to us by Monday at the latest and send Priya's workshop invite to the whole planning team.",
        "by Monday", "please get the security pack to us by Monday at the latest")]
    [InlineData("Our current contract with our existing provider ends in January, so we need to decide by the end of November to have time to migrate.",
        "in January", "Our current contract with our existing provider ends in January")]
    [InlineData("Sure, can we pick up again in January?", "in January", "can we pick up again in January?")]
    public void ClauseAroundAPhraseIsShortWholeWordsAndWithoutEllipsis(string sentence, string phrase, string expected)
    {
        var clause = TextCues.Clause(sentence, sentence.IndexOf(phrase, StringComparison.Ordinal), phrase.Length);
        Assert.Equal(expected.TrimEnd('?'), clause.TrimEnd('?'));
        Assert.DoesNotContain("…", clause);
    }

    [Fact]
    public void ClauseOfARunOnSentenceStaysUnderTheLimitOnWordBoundaries()
    {
        var sentence = "we would like to " + string.Join(' ', Enumerable.Repeat("review every single detail of the plan", 8)) + " by Friday " + string.Join(' ', Enumerable.Repeat("with the wider leadership team", 6));
        var clause = TextCues.Clause(sentence, sentence.IndexOf("by Friday", StringComparison.Ordinal), 9);
        Assert.InRange(clause.Length, 20, 100);
        Assert.Contains("by Friday", clause);
        Assert.All(clause.Split(' '), word => Assert.Contains(word, sentence.Split(' ')));
    }
}
