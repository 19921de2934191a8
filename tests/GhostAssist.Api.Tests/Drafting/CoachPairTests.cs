using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;
using Xunit.Abstractions;

namespace GhostAssist.Api.Tests.Drafting;

/// <summary>
/// Coach v2 on a reviewed set of 32 pairs (8 plays × 4 threads): the same play written hollow (every
/// form rule met, nothing from the thread: the drafts a CSM rewrote) and grounded (the thread's facts,
/// its own ask and an honest account of the silence). The grounded one must always score higher, and
/// no hollow one may reach 80.
/// </summary>
public sealed class CoachPairTests(ITestOutputHelper output)
{
    private const string Date = "Thursday 3 December";

    private sealed record Thread(string Name, CoachContext Context, string Topic, string Outcome, string Outcome2, string Subject);

    private static readonly Thread[] Threads =
    [
        new("contoso", new CoachContext("Sam", ["the proposal and pricing", "onboarding cut from three weeks to one", "one view of every renewal for your team"], null, null, null, null, 2),
            "the proposal and pricing", "onboarding cut from three weeks to one", "one view of every renewal for your team", "Your proposal and pricing"),
        new("brightwater", new CoachContext("Priya", ["the SSO switch", "one login for all 400 staff"], "approve the SSO connector", "reporting stops after the upgrade", new DateOnly(2026, 12, 3), "by the 3rd", 1),
            "the SSO switch", "one login for all 400 staff", "fewer password resets for your help desk", "Your SSO connector"),
        new("kestrel", new CoachContext("Tom", ["the quarterly business review", "support tickets down 30%"], null, null, null, null, 3),
            "the quarterly business review", "support tickets down 30%", "faster answers for your agents", "Your quarterly review"),
        new("lumen", new CoachContext("Marcus", ["the renewal plan", "the warehouse rollout"], "confirm the renewal owner", "the renewal lapses in January", new DateOnly(2026, 12, 3), null, 0),
            "the renewal plan", "the warehouse rollout", "one contract for both sites", "Your renewal plan"),
    ];

    private static string AskLine(Thread t) => t.Context.HasAsk
        ? $" The step I need from you is to {t.Context.AskAction} by {Date}. If it waits, {t.Context.AskConsequence}."
        : "";

    private static string Silence(Thread t) => t.Context.OurUnanswered > 0
        ? $"I have written {t.Context.OurUnanswered} times since your last reply, and that is not like you."
        : "You have gone quiet on me, and that is not like you.";

    private static (string Subject, string Hollow, string Grounded) Pair(string kind, Thread t) => kind switch
    {
        FollowUpKinds.WiifmSummary => ("Your wins at a glance",
            $"Hi {t.Context.ContactFirstName},\n\nHere is a quick summary of the results so far. It shows where your team saves time and what you can expect next.\n\nNo reply is needed. If you ever want more detail, I am happy to walk you through it whenever suits you.\n\nI hope it helps you and your team plan the weeks ahead.\n\nBest wishes,\nAlex",
            $"Hi {t.Context.ContactFirstName},\n\nHere is a short report card on {t.Topic}.\n\nWhat it means for you:\n- {t.Outcome}\n- {t.Outcome2}\n\nNo reply is needed. If you ever want more detail, I am happy to walk you through it whenever suits you.\n\nI hope it helps you plan the weeks ahead.\n\nBest wishes,\nAlex"),
        FollowUpKinds.ActionConsequence => ("One step from you",
            $"Hi {t.Context.ContactFirstName},\n\nOne quick step from you keeps things moving. If you confirm by {Date}, your team can get started straight away. If it waits past {Date}, the start moves back and your team waits longer for the results.\n\nCould you confirm by {Date} if you want to go ahead? Is there anything you need from me to make that easy?\n\nBest wishes,\nAlex",
            $"Hi {t.Context.ContactFirstName},\n\nOne quick step from you keeps {t.Topic} moving.{AskLine(t)} It keeps you on course for {t.Outcome}.\n\nCould you confirm by {Date} if you want to go ahead? Is there anything you need from me to make that easy?\n\nBest wishes,\nAlex"),
        FollowUpKinds.CalendarInvite => ("A short call together",
            $"Hi {t.Context.ContactFirstName},\n\nI have sent you an invite for {Date} to go through the next steps. It is a short call to answer your questions and agree what happens next.\n\nIf the time does not suit you, feel free to move it or suggest another slot. Does {Date} work for you?\n\nBring anyone from your team who should hear it too.\n\nBest wishes,\nAlex",
            $"Hi {t.Context.ContactFirstName},\n\nI have sent you an invite for {Date} to go through {t.Topic}. I will keep it focused on {t.Outcome}.{AskLine(t)}\n\nIf the time does not suit you, feel free to move it or suggest another slot. Does {Date} work for you?\n\nBest wishes,\nAlex"),
        FollowUpKinds.WorriedCheckIn => ("Is everything OK?",
            $"Hi {t.Context.ContactFirstName},\n\nIt has been 38 days since we last spoke, and that is not like you. I am a little worried that something might be wrong.\n\nIf you have had to put this on hold, that is completely fine. I would just like to know, so I don't fill your inbox.\n\nIs everything OK? A one-line reply by {Date} would help me plan.\n\nBest wishes,\nAlex",
            $"Hi {t.Context.ContactFirstName},\n\n{Silence(t)} I am a little worried that something might be wrong.\n\nIf you have had to put {t.Topic} on hold, that is completely fine.{AskLine(t)} I would just like to know, so I don't fill your inbox.\n\nIs everything OK? A one-line reply by {Date} would help me plan.\n\nBest wishes,\nAlex"),
        FollowUpKinds.MicroCommitmentRecap => ("Our next steps, dated",
            $"Hi {t.Context.ContactFirstName},\n\nHere is a quick recap so nothing slips between us.\n\n- I will: send you a short summary of the open points by Tuesday 1 December.\n- You will: share your feedback on that summary by {Date}.\n- We will: meet for 20 minutes on Monday 7 December to agree the way forward.\n\nCan you confirm by Tuesday 1 December that these dates work for you?\n\nBest wishes,\nAlex",
            $"Hi {t.Context.ContactFirstName},\n\nSo we both know what happens next with {t.Topic}, here is the plan.\n\n- I will: send you the numbers behind {t.Outcome} by Tuesday 1 December.\n- You will: {(t.Context.AskAction ?? "share your feedback on " + t.Topic)} by {Date}.\n- We will: meet for 20 minutes on Monday 7 December to agree the way forward.\n\nCan you confirm by Tuesday 1 December that these dates work for you?\n\nBest wishes,\nAlex"),
        FollowUpKinds.MultiThread => ("Your view on this",
            $"Hi {t.Context.ContactFirstName},\n\nI have been working with your colleague on the plan for your team. I have copied them to keep everyone in the loop.\n\nCould we find 20 minutes by {Date} so you can tell me what matters most to you? This is not to go around anyone; I want the plan to fit what you need too.\n\nBest wishes,\nAlex",
            $"Hi {t.Context.ContactFirstName},\n\nI have been working with your colleague on {t.Topic}. I have copied them to keep everyone in the loop. For you, it means {t.Outcome}.{AskLine(t)}\n\nCould we find 20 minutes by {Date} so you can tell me what matters most to you? I want the plan to fit what you need too.\n\nBest wishes,\nAlex"),
        FollowUpKinds.UrgencyTest => ("Checking your timeline",
            $"Hi {t.Context.ContactFirstName},\n\nI want to make sure we plan around your real dates, not ours.\n\nWhat happens for your team if you act soon? And what happens if it slips a few weeks? Knowing this helps me plan the right support for you.\n\nCan we take 15 minutes by {Date} to check it together?\n\nBest wishes,\nAlex",
            $"Hi {t.Context.ContactFirstName},\n\nBefore we plan the next steps on {t.Topic}, I want to check the timing with you.{AskLine(t)}\n\nWhat happens for {t.Outcome} if you act soon? And what happens if it slips a few weeks?\n\nCan we take 15 minutes by {Date} to check it together?\n\nBest wishes,\nAlex"),
        _ => ("Picking this back up",
            $"Hi {t.Context.ContactFirstName},\n\nThanks for getting back to me, and no problem at all. Let's plan to restart on {Date}.\n\nSo that the restart is useful for you, what has changed on your side? Who else should be part of the decision this time?\n\nCould I put 20 minutes in your diary on {Date} to agree the next steps?\n\nBest wishes,\nAlex",
            $"Hi {t.Context.ContactFirstName},\n\nThanks for getting back to me about {t.Topic}. Let's plan to restart on {Date}, with {t.Outcome} still the aim.{AskLine(t)}\n\nWhat has changed on your side? Who else should be part of the decision this time?\n\nCould I put 20 minutes in your diary on {Date} to agree the next steps?\n\nBest wishes,\nAlex"),
    };

    public static TheoryData<string> Plays() => new(FollowUpKinds.All);

    [Theory]
    [MemberData(nameof(Plays))]
    public void TheGroundedDraftOfEveryPlayScoresHigherAndNoHollowOneReaches80(string kind)
    {
        var failures = new List<string>();
        foreach (var thread in Threads)
        {
            var (subject, hollow, grounded) = Pair(kind, thread);
            var h = DraftCoach.Score(subject, hollow, kind, thread.Context);
            var g = DraftCoach.Score(subject, grounded, kind, thread.Context);
            output.WriteLine($"{kind} {thread.Name}: hollow {h.Score}, grounded {g.Score}");
            if (g.Score <= h.Score)
            {
                failures.Add($"{thread.Name}: grounded {g.Score} <= hollow {h.Score}; grounded tips: {string.Join("; ", g.Tips.Select(x => x.Message))}");
            }

            if (h.Score >= 80)
            {
                failures.Add($"{thread.Name}: hollow scored {h.Score}: {string.Join("; ", h.Reasons.Select(r => $"{r.Code} {r.Points}"))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void AnUnfilledSlotCapsTheScoreAndSaysSo()
    {
        var thread = Threads[0];
        var (subject, _, grounded) = Pair(FollowUpKinds.WiifmSummary, thread);
        var withSlot = grounded.Replace(thread.Outcome, "[the outcome you delivered, with a number]");

        var result = DraftCoach.Score(subject, withSlot, FollowUpKinds.WiifmSummary, thread.Context);

        Assert.True(result.Score <= 60, $"{result.Score}");
        Assert.Contains(result.Tips, t => t.Code == "unfilled-slot" && t.Message.Contains("1 [bracketed] slot"));
    }

    [Fact]
    public void SinceWeLastSpokeContradictsOurUnansweredMessages()
    {
        var thread = Threads[2];
        var (subject, hollow, _) = Pair(FollowUpKinds.WorriedCheckIn, thread);

        var result = DraftCoach.Score(subject, hollow, FollowUpKinds.WorriedCheckIn, thread.Context);

        var note = Assert.Single(result.Reasons, r => r.Code == "agrees-with-thread");
        Assert.Contains("3 of our messages went unanswered", note.Message);
    }

    [Fact]
    public void TheCoachTakesWhetherAPlayNeedsAReplyFromTheCatalog()
    {
        const string body = "Hi Sam,\n\nI have sent you an invite for Thursday 3 December to go through the proposal and pricing. It is a short call about your onboarding, cut from three weeks to one.\n\nIf the time does not suit you, feel free to move it. Bring anyone from your team who should hear it too.\n\nBest wishes,\nAlex";

        var invite = DraftCoach.Score("A short call together", body, FollowUpKinds.CalendarInvite);
        var checkIn = DraftCoach.Score("A short call together", body, FollowUpKinds.WorriedCheckIn);

        Assert.False(FollowUpCatalog.Find(FollowUpKinds.CalendarInvite)!.NeedsReply);
        Assert.Equal(15, invite.Reasons.Single(r => r.Code == "questions").Points);
        Assert.Equal(5, checkIn.Reasons.Single(r => r.Code == "questions").Points);
    }
}
