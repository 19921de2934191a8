using GhostAssist.Api.Drafting;

namespace GhostAssist.Api.Tests.Drafting;

/// <summary>The thread's asks and promises as the clauses a draft restates: the step, not the question around it.</summary>
public sealed class DraftClausesTests
{
    [Theory]
    [InlineData("Could you send the signed order form by Friday 12 December?", "send the signed order form")]
    [InlineData("From that day your officers can only sign in through single sign-on, so your admins need to switch on the Entra ID connector before then; it takes about 30 minutes.", "switch on the Entra ID connector")]
    [InlineData("A reminder that the approval is needed by the 30th.", "the approval")]
    [InlineData("To keep this year's price, we need the signed order form by 30 November.", "the signed order form")]
    [InlineData("Please share the claims volumes for the business case by next Wednesday.", "share the claims volumes for the business case")]
    public void OurAskBecomesTheStepItAsksFor(string ask, string expected) => Assert.Equal(expected, DraftClauses.Step(ask));

    [Theory]
    [InlineData("Any news from the internal review?")]
    [InlineData("Would a short call help?")]
    [InlineData("Can you let me know where it stands?")]
    [InlineData("Could someone on your team take 30 minutes this week?")]
    public void AQuestionAskingForNewsIsNoStep(string ask) => Assert.Null(DraftClauses.Step(ask));

    [Theory]
    [InlineData("We'll review internally and get back to you this week", "review internally and get back to me")]
    [InlineData("I'll walk him through it next week and come back to you", "walk him through it and come back to me")]
    [InlineData("Please email the proposal with pricing and we'll review it and get back to you", "review it and get back to me")]
    [InlineData("I'll send the volumes by next Wednesday", "send the volumes")]
    public void TheirPromiseIsToldBackToThemWithoutItsDate(string promise, string expected) => Assert.Equal(expected, DraftClauses.TheirPromise(promise));

    [Theory]
    [InlineData("If another time suits better, move it and I'll follow")]
    [InlineData("send me a time and I'll fit in")]
    public void APromiseThatWaitsOnTheReaderIsNotRestated(string promise) => Assert.Null(DraftClauses.OurPromise(promise));
}
