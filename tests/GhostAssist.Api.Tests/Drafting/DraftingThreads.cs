using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Tests.Drafting;

/// <summary>
/// Thread analyses shaped like the analyzer's output for the seeds' situations, for testing the
/// composer and the coach on their own. The end-to-end tests use the real analyzer on demo threads.
/// </summary>
public static class DraftingThreads
{
    public const string Me = "alex.morgan@ghostassist.example";

    /// <summary>A Monday morning: asks three business days out land on Thursday.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly Participant Alex = new(Me, "Alex Morgan", "ours", "GhostAssist", "Account Executive", false, false, 3, 0);

    private static AnalyzedMessage Msg(string id, bool fromUs, int daysAgo, string text, string? from = null, bool autoReply = false) =>
        new(id, from ?? (fromUs ? Me : "sam.patel@contoso.example"), fromUs ? "Alex Morgan" : "Sam Patel", Now.AddDays(-daysAgo), fromUs, autoReply, text, null);

    /// <summary>Jodie's story: proposal with pricing sent, "decide this month", two weeks of chases, a CIO seen once.</summary>
    public static ThreadAnalysis Prospect(string conversationId = "conv-prospect", string contactName = "Sam Patel", string? topic = "the proposal and pricing") =>
        new(
            conversationId,
            "Proposal and pricing for Contoso",
            Me,
            Now,
            DaysSilent: 16,
            UnansweredChases: 2,
            AwaitingThem: true,
            new GhostRisk(82, "high", ["16 days since Sam's last reply"]),
            [
                new Signal(SignalCodes.DaysSilent, "16 days since Sam's last reply.", 30, [new Evidence("m2", "Send the proposals over")]),
                new Signal(SignalCodes.UnansweredChases, "2 follow-ups unanswered.", 20, [new Evidence("m3", "Did you get a chance")]),
                new Signal(SignalCodes.DeadlineWithoutConsequence, "A deadline with no consequence.", 10, [new Evidence("m2", "decide this month")]),
            ],
            [new Recommendation(FollowUpKinds.MultiThread, "Sam does not sign off."), new Recommendation(FollowUpKinds.UrgencyTest, "The deadline has no consequence.")],
            [
                Alex,
                new Participant("sam.patel@contoso.example", contactName, "theirs", "Contoso", "Head of IT Operations", true, false, 2, 0),
                new Participant("dana.reeves@contoso.example", "Dana Reeves", "theirs", "Contoso", "CIO", false, true, 0, 1),
            ],
            [
                Msg("m1", true, 30, "Hi Sam, thanks for the workshop. As agreed, the proposal and pricing are attached."),
                Msg("m2", false, 16, "Thanks Alex. Send the proposals over with pricing and we'll review. We want to decide this month so we have time to migrate before our contract ends in January."),
                Msg("m3", true, 9, "Hi Sam, did you get a chance to look at the two options?"),
                Msg("m4", true, 3, "Hi Sam, happy to walk you through the pricing if useful."),
            ],
            new ThreadFacts(
                ContactFirstName: contactName.Split(' ')[0],
                ContactName: contactName,
                ContactAddress: "sam.patel@contoso.example",
                Company: "Contoso",
                UserFirstName: "Alex",
                UserName: "Alex Morgan",
                LastTopic: topic,
                LastAsk: "your feedback on the two options",
                StatedGoal: "decide this month so we have time to migrate",
                Deadline: new DatedMention("end of January", new DateOnly(2027, 1, 29), "m2"),
                NextStep: null,
                Postponement: null,
                Outcomes: ["onboarding cut from three weeks to one", "one view of every renewal for your team"],
                SeniorStakeholder: new Participant("dana.reeves@contoso.example", "Dana Reeves", "theirs", "Contoso", "CIO", false, true, 0, 1)));

    /// <summary>One contact, few facts: the composer must still write a sound draft.</summary>
    public static ThreadAnalysis SingleContact(string conversationId = "conv-single") =>
        new(
            conversationId,
            "Onboarding",
            Me,
            Now,
            DaysSilent: 8,
            UnansweredChases: 1,
            AwaitingThem: true,
            new GhostRisk(55, "medium", []),
            [new Signal(SignalCodes.SingleThreaded, "One contact only.", 10, [])],
            [],
            [Alex, new Participant("lee@fabrikam.example", "Lee Wong", "theirs", "Fabrikam", null, true, false, 1, 0)],
            [
                Msg("s1", true, 20, "Hi Lee, here is the onboarding plan."),
                Msg("s2", false, 8, "Thanks, will read it.", "lee@fabrikam.example"),
                Msg("s3", true, 2, "Hi Lee, any thoughts on the plan?"),
            ],
            new ThreadFacts("Lee", "Lee Wong", "lee@fabrikam.example", null, "Alex", "Alex Morgan", null, null, null, null, null, null, [], null));

    /// <summary>"Can we pick this up in January?" after weeks of silence: they wrote last.</summary>
    public static ThreadAnalysis Postponed(string conversationId = "conv-january") =>
        new(
            conversationId,
            "Renewal plan",
            Me,
            Now,
            DaysSilent: 0,
            UnansweredChases: 0,
            AwaitingThem: false,
            new GhostRisk(40, "medium", []),
            [new Signal(SignalCodes.Postponed, "They asked to pick this up in January.", 15, [new Evidence("p3", "can we pick up again in January")])],
            [new Recommendation(FollowUpKinds.ReEngage, "They postponed.")],
            [Alex, new Participant("priya@northwind.example", "Priya Shah", "theirs", "Northwind", "Procurement Lead", true, false, 1, 0)],
            [
                Msg("p1", true, 40, "Hi Priya, here is the renewal plan."),
                Msg("p2", true, 25, "Hi Priya, any questions on the plan?"),
                Msg("p3", false, 1, "Sorry for the delay. We have been asked to cut spend until year end. We are still keen - can we pick up again in January?", "priya@northwind.example"),
            ],
            new ThreadFacts("Priya", "Priya Shah", "priya@northwind.example", "Northwind", "Alex", "Alex Morgan", "the renewal plan", null, null, null, null,
                new DatedMention("in January", new DateOnly(2027, 1, 1), "p3"), [], null));

    public static IEnumerable<ThreadAnalysis> All() => [Prospect(), SingleContact(), Postponed()];

    /// <summary>A mail thread whose id the test analyzer maps to one of these analyses.</summary>
    public static MailThread AsMailThread(ThreadAnalysis analysis) =>
        new(analysis.ConversationId, analysis.Me, analysis.Messages.Select(m => new GraphMessage
        {
            Id = m.Id,
            ConversationId = analysis.ConversationId,
            Subject = analysis.Subject,
            From = GraphRecipient.Of(m.FromAddress ?? Me, m.FromName),
            SentDateTime = m.SentDateTime,
            Body = new GraphItemBody { ContentType = "text", Content = m.NewText },
        }).ToList());
}

/// <summary>A clock that says what the test needs.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
