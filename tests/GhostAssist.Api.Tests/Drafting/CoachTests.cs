using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;

namespace GhostAssist.Api.Tests.Drafting;

public sealed class CoachTests
{
    private const string GoodBody = """
        Hi Sam,

        Here is a short plan for your team. You said you want to decide this month, so you have time to move before your contract ends.

        If you confirm by Thursday 3 December, your team can start on the 14th. If it waits, your start slips into the new year.

        Could you confirm by Thursday 3 December if you want to go ahead? Is there anything you need from me to make that easy?

        Best wishes,
        Alex
        """;

    [Theory]
    [InlineData("the", 1)]
    [InlineData("cat", 1)]
    [InlineData("make", 1)]
    [InlineData("asked", 1)]
    [InlineData("table", 2)]
    [InlineData("reply", 2)]
    [InlineData("needed", 2)]
    [InlineData("pricing", 2)]
    [InlineData("migrate", 2)]
    [InlineData("outcomes", 2)]
    [InlineData("proposal", 3)]
    [InlineData("calendar", 3)]
    [InlineData("company", 3)]
    [InlineData("consequence", 3)]
    [InlineData("period", 3)]
    [InlineData("organisation", 5)]
    public void CountsSyllablesOfCommonWords(string word, int syllables) => Assert.Equal(syllables, DraftCoach.CountSyllables(word));

    [Fact]
    public void ReadingGradeFollowsTheFleschKincaidFormula()
    {
        // 0.39 * (6 / 1) + 11.8 * (6 / 6) - 15.59 = -1.45
        var result = DraftCoach.Score("Hello there friend", "The cat sat on the mat.");
        Assert.Equal(6, result.Metrics.WordCount);
        Assert.Equal(1, result.Metrics.SentenceCount);
        Assert.InRange(result.Metrics.ReadingGrade, -1.5, -1.4);
    }

    [Fact]
    public void ShortPlainDraftWithADatedAskScoresHigh()
    {
        var result = DraftCoach.Score("Your decision by Thursday", GoodBody);

        Assert.InRange(result.Score, 90, 100);
        Assert.Equal("strong", result.Band);
        Assert.InRange(result.Metrics.WordCount, 50, 125);
        Assert.Equal(2, result.Metrics.QuestionCount);
        Assert.True(result.Metrics.HasDatedAsk);
        Assert.True(result.Metrics.ReadingGrade <= 7, $"grade {result.Metrics.ReadingGrade}");
        Assert.Empty(result.Metrics.PushyPhrases);
        Assert.Equal(["word-count", "questions", "reading-grade", "subject-length", "dated-ask", "customer-centred", "pushy-phrases"], result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void PushyLongWindedSelfCentredDraftScoresLowWithATipForEachProblem()
    {
        var body = string.Join(' ', Enumerable.Repeat(
            "Just checking in, per my last email we have been following up again regarding our comprehensive organisational implementation methodology, which we believe provides considerable operational optimisation opportunities for our organisation.", 6));

        var result = DraftCoach.Score("Following up on our previous correspondence regarding implementation", body);

        Assert.True(result.Score < 40, $"score {result.Score}");
        Assert.Equal("weak", result.Band);
        var tips = result.Tips.Select(t => t.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "word-count", "questions", "reading-grade", "subject-length", "dated-ask", "customer-centred", "pushy-phrases" }, tips);
        Assert.Contains("just checking in", result.Metrics.PushyPhrases);
        Assert.Contains("per my last email", result.Metrics.PushyPhrases);
        Assert.Contains("following up again", result.Metrics.PushyPhrases);
    }

    [Fact]
    public void SummaryThatNeedsNoReplyLosesNothingForHavingNoQuestionOrAsk()
    {
        const string body = """
            Hi Sam,

            Here is a short report card on what the rollout does for you. Your team now closes tickets in half the time. Your renewals sit in one view. Your new starters are ready in a week.

            No reply is needed. If you ever want to go through it, I am happy to walk you through it whenever suits you.

            Best wishes,
            Alex
            """;

        var asSummary = DraftCoach.Score("Your wins at a glance", body, FollowUpKinds.WiifmSummary);
        var asAnyDraft = DraftCoach.Score("Your wins at a glance", body);

        Assert.Equal(0, asSummary.Metrics.QuestionCount);
        Assert.True(asSummary.Score >= 90, $"score {asSummary.Score}");
        Assert.True(asAnyDraft.Score < asSummary.Score);
        Assert.Contains(asAnyDraft.Tips, t => t.Code == "questions");
        Assert.DoesNotContain(asSummary.Tips, t => t.Code is "questions" or "dated-ask");
    }

    [Theory]
    [InlineData("Hi", 4)]
    [InlineData("Quick question", 7)]
    [InlineData("Your plan this week", 10)]
    [InlineData("Next steps for you", 10)]
    [InlineData("A long subject line that rambles on and on", 0)]
    public void SubjectsOfThreeOrFourWordsScoreFull(string subject, int points)
    {
        var result = DraftCoach.Score(subject, GoodBody);
        Assert.Equal(points, result.Reasons.Single(r => r.Code == "subject-length").Points);
    }

    [Fact]
    public void CustomerCentredWordingCountsYouAgainstIAndWe()
    {
        var selfCentred = DraftCoach.Score("Our new release", "We are proud of our release. I think we did great work and our team is happy. We will ship it to our users.");
        var customerCentred = DraftCoach.Score("Your new release", "You can now see your renewals in one place. Your team saves an hour a day, and you decide when to switch it on.");

        Assert.True(selfCentred.Metrics.IWeWords > selfCentred.Metrics.YouWords);
        Assert.Contains(selfCentred.Tips, t => t.Code == "customer-centred");
        Assert.Equal(10, customerCentred.Reasons.Single(r => r.Code == "customer-centred").Points);
    }

    [Fact]
    public void AskAndDateInOneSentenceIsADatedAsk()
    {
        Assert.True(DraftCoach.Score("x y z", "Could you confirm by Friday 4 December?").Metrics.HasDatedAsk);
        Assert.False(DraftCoach.Score("x y z", "Could you confirm? The date is open.").Metrics.HasDatedAsk);
        Assert.Equal(5, DraftCoach.Score("x y z", "Could you confirm soon?").Reasons.Single(r => r.Code == "dated-ask").Points);
    }

    [Fact]
    public void EmptyDraftScoresLowWithoutFailing()
    {
        var result = DraftCoach.Score("", "");
        Assert.Equal(0, result.Metrics.WordCount);
        Assert.True(result.Score < 40);
    }
}
