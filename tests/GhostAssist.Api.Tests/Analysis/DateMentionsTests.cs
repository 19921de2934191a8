using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>Date phrases resolved against the day the message was sent (Wednesday 12 November 2025 here).</summary>
public sealed class DateMentionsTests
{
    private static readonly DateOnly Sent = new(2025, 11, 12);

    [Theory]
    [InlineData("Can we talk next Tuesday?", "next Tuesday", "2025-11-18")]
    [InlineData("I'll have it by EOD Friday.", "EOD Friday", "2025-11-14")]
    [InlineData("We need to decide by the end of the month.", "end of the month", "2025-11-30")]
    [InlineData("Let's revisit in two weeks.", "in two weeks", "2025-11-26")]
    [InlineData("Can we pick this up in January?", "January", "2026-01-01")]
    [InlineData("We plan to roll out in Q1.", "Q1", "2026-01-01")]
    [InlineData("Budget closes at the end of Q4.", "end of Q4", "2025-12-31")]
    [InlineData("The contract ends on March 5th.", "March 5th", "2026-03-05")]
    [InlineData("Kick-off is on 3 December 2025.", "3 December 2025", "2025-12-03")]
    [InlineData("Signed copy due 2025-12-01.", "2025-12-01", "2025-12-01")]
    [InlineData("Invoice date 05.01.2026 as agreed.", "05.01.2026", "2026-01-05")]
    [InlineData("Can you send it by 12/15?", "12/15", "2025-12-15")]
    [InlineData("Let's sync tomorrow.", "tomorrow", "2025-11-13")]
    [InlineData("We'll start next month.", "next month", "2025-12-01")]
    [InlineData("Back to you by end of day.", "end of day", "2025-11-12")]
    public void PhraseResolvesAgainstTheSentDay(string sentence, string phrase, string expected)
    {
        var found = DateMentions.Find(sentence, Sent);
        var date = Assert.Single(found);
        Assert.Equal(phrase, date.Phrase);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date.Date);
    }

    [Theory]
    [InlineData("We go live in Q3 FY26.", "Q3 FY26", "2026-07-01")]
    [InlineData("Budget for FY2027 is not set.", "FY2027", "2027-01-01")]
    [InlineData("Our priority for H2 is the rollout.", "H2", "2025-07-01")]
    [InlineData("We need it by the end of Q1.", "end of Q1", "2026-03-31")]
    [InlineData("Plan for FY27 Q2, please.", "FY27 Q2", "2027-04-01")]
    [InlineData("Decision by end of FY26.", "end of FY26", "2026-12-31")]
    [InlineData("Targeting Q4 2026 for the switch.", "Q4 2026", "2026-10-01")]
    [InlineData("Targeting Q2'27 for the switch.", "Q2'27", "2027-04-01")]
    [InlineData("It lands in 2H 2026.", "2H 2026", "2026-07-01")]
    [InlineData("Budget closes at the end of the fiscal year.", "end of the fiscal year", "2025-12-31")]
    [InlineData("We will look again next fiscal year.", "next fiscal year", "2026-01-01")]
    [InlineData("Pushing to H1.", "H1", "2026-01-01")]
    [InlineData("We need to decide this month.", "this month", "2025-11-30")]
    [InlineData("The approval is needed by the 30th.", "the 30th", "2025-11-30")]
    [InlineData("Can you send it by the 5th?", "the 5th", "2025-12-05")]
    public void FiscalPhraseResolvesToItsPeriod(string sentence, string phrase, string expected) =>
        PhraseResolvesAgainstTheSentDay(sentence, phrase, expected);

    [Theory]
    [InlineData("Q3 FY99999999999999999999 is when.")]
    [InlineData("Reference FY2X and QQ3 and H3 and Q5 FY26.")]
    [InlineData("Part number H2O-99 and model Q3X and FY26B.")]
    [InlineData("Invoice 99/99/99999999999 and 9999-99-99 and 31.02.2026.")]
    public void NumbersThatNameNoDayAreSkippedNeverThrown(string sentence)
    {
        var found = DateMentions.Find(sentence, Sent);
        Assert.All(found, f => Assert.InRange(f.Date.Year, 1900, 2200));
        Assert.DoesNotContain(found, f => f.Phrase.Contains("H2O", StringComparison.Ordinal) || f.Phrase.Contains("Q3X", StringComparison.Ordinal) || f.Phrase.Contains("FY26B", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("We may revisit this.")]
    [InlineData("Version 2.5 is out.")]
    [InlineData("Thanks for your help.")]
    public void SentenceWithoutADateHasNone(string sentence) => Assert.Empty(DateMentions.Find(sentence, Sent));
}
