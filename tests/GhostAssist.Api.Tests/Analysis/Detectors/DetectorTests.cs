using GhostAssist.Api.Analysis;
using GhostAssist.Api.Analysis.Detectors;
using static GhostAssist.Api.Tests.Analysis.Detectors.DetectorKit;

namespace GhostAssist.Api.Tests.Analysis.Detectors;

/// <summary>Each signal detector on its own, on the smallest thread that shows the rule.</summary>
public sealed class SilenceDetectorTests
{
    [Fact]
    public void TheirLastReplyTwoWeeksAgoIsDaysSilentWithItsEvidence()
    {
        var signal = new SilenceDetector().Detect(Read(Theirs("t1", "2026-11-06T12:00:00Z", "Thanks, we'll look."), Ours("o1", "2026-11-07T09:00:00Z", "Here is the plan.")))!;
        Assert.Equal(SignalCodes.DaysSilent, signal.Code);
        Assert.Equal("t1", signal.Evidence[0].MessageId);
        Assert.Equal(SignalWeights.Silence(14), signal.Weight);
    }

    [Fact]
    public void TheyNeverWroteIsNeverReplied() =>
        Assert.Equal(SignalCodes.NeverReplied, new SilenceDetector().Detect(Read(Ours("o1", "2026-11-10T09:00:00Z", "Here is the plan.")))!.Code);

    [Fact]
    public void WhenTheyWroteLastThereIsNoSilenceOfTheirs() =>
        Assert.Null(new SilenceDetector().Detect(Read(Ours("o1", "2026-11-01T09:00:00Z", "Here is the plan."), Theirs("t1", "2026-11-02T09:00:00Z", "Thanks."))));
}

public sealed class UnansweredChasesDetectorTests
{
    [Fact]
    public void AFirstMessageThatIsANudgeIsAFollowUp()
    {
        var thread = Read(Theirs("t1", "2026-11-03T09:00:00Z", "We're reviewing it internally."), Ours("o1", "2026-11-12T09:00:00Z", "Any news from the internal review?"));
        Assert.Equal(1, thread.UnansweredChases);
        Assert.Equal(1, thread.FollowUps);
        Assert.Equal(["o1"], new UnansweredChasesDetector().Detect(thread)!.Evidence.Select(e => e.MessageId));
    }

    [Fact]
    public void OneAnswerOfOursIsCountedButIsNotAFollowUp()
    {
        var thread = Read(Theirs("t1", "2026-11-18T09:00:00Z", "Can you add ten seats?"), Ours("o1", "2026-11-18T10:00:00Z", "Done, the quote is attached."));
        Assert.Equal(1, thread.UnansweredChases);
        Assert.Null(new UnansweredChasesDetector().Detect(thread));
    }
}

public sealed class SlowingRepliesDetectorTests
{
    [Fact]
    public void AWaitFarLongerThanTheirUsualReplyIsSlowing()
    {
        var thread = Read(Ours("o1", "2026-11-01T09:00:00Z", "How is day one?"), Theirs("t1", "2026-11-01T11:00:00Z", "Good."), Ours("o2", "2026-11-10T09:00:00Z", "Shall we look at the numbers?"));
        Assert.Equal(SignalCodes.SlowingReplies, new SlowingRepliesDetector().Detect(thread)!.Code);
    }

    [Fact]
    public void WithoutAnEarlierReplyTimeThereIsNothingToCompare() =>
        Assert.Null(new SlowingRepliesDetector().Detect(Read(Theirs("t1", "2026-11-01T09:00:00Z", "Send the form."), Ours("o1", "2026-11-02T09:00:00Z", "Attached."))));
}

public sealed class SingleThreadedDetectorTests
{
    [Fact]
    public void OneVoiceOnTheirSideIsSingleThreaded() =>
        Assert.Equal(SignalCodes.SingleThreaded, new SingleThreadedDetector().Detect(Read(Theirs("t1", "2026-11-18T09:00:00Z", "Thanks.")))!.Code);

    [Fact]
    public void TwoPeopleWritingOnTheirSideIsNot()
    {
        var priya = TestThreads.Text("t2", TestThreads.Priya, TestThreads.Alex, "2026-11-18T10:00:00Z", "Agreed.");
        Assert.Null(new SingleThreadedDetector().Detect(Read(Theirs("t1", "2026-11-18T09:00:00Z", "Thanks."), priya)));
    }
}

public sealed class NoMutualNextStepDetectorTests
{
    [Fact]
    public void AnAgreedMeetingAheadIsAMutualNextStep() =>
        Assert.Null(new NoMutualNextStepDetector().Detect(Read(Ours("o1", "2026-11-16T10:00:00Z", "Shall we walk through it?"), Theirs("t1", "2026-11-17T09:00:00Z", "Let's meet next Tuesday to walk through it."))));

    [Fact]
    public void OurUnansweredProposalIsNotYetMutual() =>
        Assert.NotNull(new NoMutualNextStepDetector().Detect(Read(Theirs("t1", "2026-11-16T09:00:00Z", "Useful workshop."), Ours("o1", "2026-11-17T09:00:00Z", "Can we agree next steps by Friday?"))));

    [Fact]
    public void TheirYesToOurDatedProposalMakesItMutual() =>
        Assert.Null(new NoMutualNextStepDetector().Detect(Read(Ours("o1", "2026-11-17T09:00:00Z", "Could we meet on Monday 23 November to review the pilot?"), Theirs("t1", "2026-11-17T12:00:00Z", "Monday works for me."))));
}

public sealed class DeadlineWithoutConsequenceDetectorTests
{
    [Fact]
    public void TheirTimelineWithNothingRidingOnItIsFlagged()
    {
        var signal = new DeadlineWithoutConsequenceDetector().Detect(Read(Theirs("t1", "2026-11-10T09:00:00Z", "Our contract runs out at the end of January, so we need to decide this month.")))!;
        Assert.Contains("this month", signal.Message);
    }

    [Fact]
    public void OurOwnDatedAskIsNotTheirDeadline() =>
        Assert.Null(new DeadlineWithoutConsequenceDetector().Detect(Read(Ours("o1", "2026-11-17T09:00:00Z", "Can we agree next steps by Friday?"))));

    [Fact]
    public void TheirPromiseIsNotATimeline() =>
        Assert.Null(new DeadlineWithoutConsequenceDetector().Detect(Read(Theirs("t1", "2026-11-16T15:00:00Z", "I will confirm the site contacts by Thursday."))));

    [Fact]
    public void ATimelineWithItsConsequenceIsNotFlagged() =>
        Assert.Null(new DeadlineWithoutConsequenceDetector().Detect(Read(Theirs("t1", "2026-11-17T09:00:00Z", "We need to sign by 30 November so that we can migrate before the January peak."))));
}

public sealed class ActionRequiredDetectorTests
{
    [Fact]
    public void AStatedActionWithConsequenceAndDateIsRequiredAndTheReminderKeepsAll()
    {
        var thread = Read(
            Theirs("t1", "2026-11-02T09:00:00Z", "The plan looks good."),
            Ours("o1", "2026-11-03T09:00:00Z", "To keep your reporting running after the upgrade, your team needs to approve the new data connector by the 30th."),
            Ours("o2", "2026-11-12T09:00:00Z", "A reminder that the approval is needed by the 30th."));
        var ask = ActionRequiredDetector.OpenAsk(thread)!;
        Assert.Equal(new DateOnly(2026, 11, 30), ask.Due);
        Assert.Contains("keep your reporting running", ask.Consequence);
        Assert.Contains("with its consequence stated", new ActionRequiredDetector().Detect(thread)!.Message);
    }

    [Fact]
    public void AnAnsweredAskIsNotRequiredAnyMore() =>
        Assert.Null(new ActionRequiredDetector().Detect(Read(Ours("o1", "2026-11-10T09:00:00Z", "Could you confirm the seats?"), Theirs("t1", "2026-11-11T09:00:00Z", "85 seats."), Ours("o2", "2026-11-11T10:00:00Z", "Thanks, updated."))));
}

public sealed class PostponedDetectorTests
{
    [Fact]
    public void PickThisUpInJanuaryIsAPostponementToJanuary()
    {
        var signal = new PostponedDetector().Detect(Read(Ours("o1", "2026-10-20T09:00:00Z", "Here is the proposal."), Theirs("t1", "2026-11-10T09:00:00Z", "Can we pick this up in January?")))!;
        Assert.Contains("January 2027", signal.Message);
    }

    [Fact]
    public void APostponementWeAnsweredSinceIsNotTheLastWord() =>
        Assert.Null(new PostponedDetector().Detect(Read(Theirs("t1", "2026-11-10T09:00:00Z", "Can we pick this up in January?"), Ours("o1", "2026-11-11T09:00:00Z", "Of course."), Theirs("t2", "2026-11-12T09:00:00Z", "Thanks, speak then."))));
}

public sealed class PromiseOverdueDetectorTests
{
    [Fact]
    public void APromiseOfTheirsPastItsDateWithNoWordIsOverdue() =>
        Assert.Equal(SignalCodes.PromiseOverdue, new PromiseOverdueDetector().Detect(Read(Theirs("t1", "2026-11-03T09:00:00Z", "I'll send the site list by Friday."), Ours("o1", "2026-11-12T09:00:00Z", "Any news on the site list?")))!.Code);

    [Fact]
    public void APromiseKeptIsNotOverdue() =>
        Assert.Null(new PromiseOverdueDetector().Detect(Read(Theirs("t1", "2026-11-03T09:00:00Z", "I'll send the site list by Friday."), Theirs("t2", "2026-11-06T09:00:00Z", "Here is the site list."))));
}

public sealed class UnansweredQuestionDetectorTests
{
    [Fact]
    public void TheirQuestionWeNeverAnsweredIsOurSilence() =>
        Assert.Equal(SignalCodes.UnansweredQuestion, new UnansweredQuestionDetector().Detect(Read(Ours("o1", "2026-11-02T09:00:00Z", "Here is the quote."), Theirs("t1", "2026-11-05T09:00:00Z", "Could you send pricing for ten more licences as well?")))!.Code);

    [Fact]
    public void SmallTalkIsNotAQuestionToAnswer() =>
        Assert.Null(new UnansweredQuestionDetector().Detect(Read(Theirs("t1", "2026-11-05T09:00:00Z", "How are you?"))));
}

public sealed class ParticipantsReaderTests
{
    [Fact]
    public void OneMessageToFortyThousandOfOurOwnDomainIsReadInOnePass()
    {
        var recipients = Enumerable.Range(0, 40_000).Select(i => Mail.GraphRecipient.Of($"person{i}@ghostassist.example")).ToList();
        var message = TestThreads.Text("o1", TestThreads.Alex, TestThreads.Dana, "2026-11-10T09:00:00Z", "Hello all.") with { ToRecipients = [TestThreads.Dana, .. recipients] };
        var thread = Read(message);
        Assert.Equal(40_002, thread.Participants.Count);
        Assert.Equal("dana.whitfield@northwind-traders.com", thread.MainContact!.Address);
        Assert.Equal(40_001, thread.Participants.Count(p => p.Side == "ours"));
    }
}
