using System.Text.Json;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;
using static GhostAssist.Api.Tests.Analysis.TestThreads;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>POST /api/analysis on threads of the seeds' situations, read as the pane reads the answer.</summary>
public sealed class ThreadAnalysisTests(FixedClockFactory factory) : IClassFixture<FixedClockFactory>
{
    [Fact]
    public async Task GhostedProspectIsHighRiskWithEvidenceForEverySignal()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client, Ghosted());

        Assert.True(analysis.GetProperty("awaitingThem").GetBoolean());
        Assert.Equal(43, analysis.GetProperty("daysSilent").GetInt32());
        Assert.Equal(4, analysis.GetProperty("unansweredChases").GetInt32());
        Assert.Equal("high", analysis.GetProperty("ghostRisk").GetProperty("level").GetString());
        var codes = Codes(analysis).ToList();
        Assert.Contains(SignalCodes.DaysSilent, codes);
        Assert.Contains(SignalCodes.UnansweredChases, codes);
        Assert.Contains(SignalCodes.SlowingReplies, codes);
        Assert.Contains(SignalCodes.SingleThreaded, codes);
        Assert.Contains(SignalCodes.DeadlineWithoutConsequence, codes);
        Assert.Contains(SignalCodes.ActionRequired, codes);

        var ids = analysis.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToHashSet();
        foreach (var signal in analysis.GetProperty("signals").EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(signal.GetProperty("message").GetString()));
            var evidence = signal.GetProperty("evidence").EnumerateArray().ToList();
            Assert.NotEmpty(evidence);
            Assert.All(evidence, e => Assert.Contains(e.GetProperty("messageId").GetString(), ids));
            Assert.All(evidence, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("quote").GetString())));
        }

        var chases = Signal(analysis, SignalCodes.UnansweredChases).GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("messageId").GetString());
        Assert.Equal(["m5", "m6", "m7", "m8"], chases);
        Assert.Contains("end of the month", Signal(analysis, SignalCodes.DeadlineWithoutConsequence).GetProperty("evidence")[0].GetProperty("quote").GetString());
    }

    [Fact]
    public async Task AfterThreeUnansweredChasesTheSeniorPersonSeenOnceComesFirstThenTheWorriedCheckIn()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client, Ghosted());

        var plays = Plays(analysis).ToList();
        Assert.Equal(FollowUpKinds.MultiThread, plays[0]);
        Assert.Equal(FollowUpKinds.WorriedCheckIn, plays[1]);
        Assert.All(plays, p => Assert.True(FollowUpKinds.IsKnown(p)));
        Assert.Contains("Priya Shah", analysis.GetProperty("recommended")[0].GetProperty("why").GetString());
    }

    [Fact]
    public async Task FactsGroundTheDraftInTheThread()
    {
        using var client = factory.CreateClient();
        var facts = (await PostAnalysisAsync(client, Ghosted())).GetProperty("facts");

        Assert.Equal("Dana", facts.GetProperty("contactFirstName").GetString());
        Assert.Equal("Dana Whitfield", facts.GetProperty("contactName").GetString());
        Assert.Equal("Northwind Traders", facts.GetProperty("company").GetString());
        Assert.Equal("Alex", facts.GetProperty("userFirstName").GetString());
        Assert.Equal("the proposal and pricing", facts.GetProperty("lastTopic").GetString());
        Assert.Contains("decision", facts.GetProperty("statedGoal").GetString());
        Assert.Equal("2026-10-31", facts.GetProperty("deadline").GetProperty("date").GetString());
        var senior = facts.GetProperty("seniorStakeholder");
        Assert.Equal("Priya Shah", senior.GetProperty("name").GetString());
        Assert.Equal("CIO", senior.GetProperty("title").GetString());
        Assert.Equal(1, senior.GetProperty("timesCopied").GetInt32());
    }

    [Fact]
    public async Task ParticipantsAreSplitIntoOurSideAndTheirsWithTitlesFromSignatures()
    {
        using var client = factory.CreateClient();
        var participants = (await PostAnalysisAsync(client, Ghosted())).GetProperty("participants").EnumerateArray().ToList();

        var dana = participants.Single(p => p.GetProperty("address").GetString() == Dana.EmailAddress!.Address);
        Assert.Equal("theirs", dana.GetProperty("side").GetString());
        Assert.True(dana.GetProperty("isMainContact").GetBoolean());
        Assert.Equal("VP Operations", dana.GetProperty("title").GetString());
        Assert.Equal(2, dana.GetProperty("messagesSent").GetInt32());
        var alex = participants.Single(p => p.GetProperty("address").GetString() == Me);
        Assert.Equal("ours", alex.GetProperty("side").GetString());
        Assert.True(participants.Single(p => p.GetProperty("name").GetString() == "Priya Shah").GetProperty("isSenior").GetBoolean());
    }

    [Fact]
    public async Task MessagesCarryTheirNewTextWithoutQuotedHistoryAndTheSignatureApart()
    {
        using var client = factory.CreateClient();
        var messages = (await PostAnalysisAsync(client, Ghosted())).GetProperty("messages").EnumerateArray().ToList();

        var m2 = messages.Single(m => m.GetProperty("id").GetString() == "m2");
        Assert.DoesNotContain("Great to meet you", m2.GetProperty("newText").GetString());
        Assert.EndsWith("+1 555 0100", m2.GetProperty("newText").GetString());
        Assert.Equal("Dana\n\nDana Whitfield\nVP Operations | Northwind Traders\n+1 555 0100", m2.GetProperty("signature").GetString());
        var m4 = messages.Single(m => m.GetProperty("id").GetString() == "m4");
        Assert.DoesNotContain("Original Message", m4.GetProperty("newText").GetString());
    }

    [Fact]
    public async Task ComingBackWithPickThisUpInJanuaryIsAPostponementToReQualify()
    {
        using var client = factory.CreateClient();
        var thread = Ghosted();
        thread.Add(Text("m9", Dana, Alex, "2026-11-18T09:00:00Z",
            "Alex, sorry for the delay in getting back to you. We've been asked by the business to prioritise some other projects and cut back on spend between now and year end. We're still keen to discuss. Can we pick this up again in January?\n\nDana"));
        var analysis = await PostAnalysisAsync(client, thread);

        Assert.False(analysis.GetProperty("awaitingThem").GetBoolean());
        Assert.Equal(2, analysis.GetProperty("daysSilent").GetInt32());
        Assert.Contains(SignalCodes.Postponed, Codes(analysis));
        Assert.Equal(FollowUpKinds.ReEngage, Plays(analysis).First());
        var postponement = analysis.GetProperty("facts").GetProperty("postponement");
        Assert.Equal("2027-01-01", postponement.GetProperty("date").GetString());
        Assert.Equal("m9", postponement.GetProperty("messageId").GetString());
        Assert.Equal("low", analysis.GetProperty("ghostRisk").GetProperty("level").GetString());
    }

    [Fact]
    public async Task OutOfOfficeRepliesAndOurOwnFollowUpsAreNotReplies()
    {
        using var client = factory.CreateClient();
        var autoReply = Text("a1", Dana, Alex, "2026-11-10T10:05:00Z", "I am out of the office until Monday with limited access to email.") with
        {
            Subject = "Automatic reply: Renewal",
            InternetMessageHeaders = [new GraphInternetMessageHeader { Name = "Auto-Submitted", Value = "auto-replied" }],
        };
        var analysis = await PostAnalysisAsync(client,
        [
            Text("o1", Alex, Dana, "2026-11-10T10:00:00Z", "Hi Dana,\n\nCould you send the signed renewal form by Friday?\n\nBest,\nAlex"),
            autoReply,
            Text("o2", Alex, Dana, "2026-11-17T10:00:00Z", "Hi Dana,\n\nA quick nudge on the renewal form.\n\nBest,\nAlex"),
        ]);

        Assert.Contains(SignalCodes.NeverReplied, Codes(analysis));
        Assert.Equal(10, analysis.GetProperty("daysSilent").GetInt32());
        Assert.Equal(2, analysis.GetProperty("unansweredChases").GetInt32());
        Assert.True(analysis.GetProperty("messages")[1].GetProperty("isAutoReply").GetBoolean());
    }

    [Fact]
    public async Task AColleaguesInternalHandoverIsNeitherAReplyNorAChase()
    {
        using var client = factory.CreateClient();
        var sam = Mail.GraphRecipient.Of("sam.okafor@ghostassist.example", "Sam Okafor");
        var analysis = await PostAnalysisAsync(client,
        [
            Text("i1", sam, Alex, "2026-11-12T09:00:00Z", "Alex, could you pick this up while I'm on leave? Dana needs the signed order form by 12 December.\n\nSam"),
            Text("i2", Alex, Dana, "2026-11-13T09:00:00Z", "Hi Dana,\n\nSam asked me to help while he is away. Could you send the signed order form by Friday 12 December?\n\nBest,\nAlex"),
        ]);

        Assert.Equal(1, analysis.GetProperty("unansweredChases").GetInt32());
        Assert.Equal(7, analysis.GetProperty("daysSilent").GetInt32());
        Assert.False(analysis.GetProperty("messages")[0].GetProperty("isAutoReply").GetBoolean());
        Assert.Equal("the signed order form", analysis.GetProperty("facts").GetProperty("lastTopic").GetString());
    }

    [Fact]
    public async Task ADatedMeetingInTheLastExchangeIsAMutualNextStep()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("n1", Alex, Dana, "2026-11-16T10:00:00Z", "Hi Dana,\n\nShall we walk through the rollout plan together?\n\nBest,\nAlex"),
            Text("n2", Dana, Alex, "2026-11-17T09:00:00Z", "Yes. Let's meet next Tuesday at 10 to walk through it, and I will bring our security lead.\n\nDana"),
        ]);

        Assert.DoesNotContain(SignalCodes.NoMutualNextStep, Codes(analysis));
        var next = analysis.GetProperty("facts").GetProperty("nextStep");
        Assert.Equal("2026-11-24", next.GetProperty("date").GetString());
        Assert.Equal("next Tuesday", next.GetProperty("phrase").GetString());
    }

    [Fact]
    public async Task AnAskWithoutADateOrConsequenceIsActionRequiredAndCallsForActionConsequence()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("q1", Dana, Alex, "2026-11-10T09:00:00Z", "Hi Alex, send me the security questionnaire answers when you can.\n\nDana"),
            Text("q2", Alex, Dana, "2026-11-11T09:00:00Z", "Hi Dana,\n\nHere are the answers. Could you get the data processing agreement signed?\n\nBest,\nAlex"),
            Text("q3", Alex, Dana, "2026-11-17T09:00:00Z", "Hi Dana,\n\nAny news on the data processing agreement?\n\nBest,\nAlex"),
        ]);

        var action = Signal(analysis, SignalCodes.ActionRequired);
        Assert.Contains("no date", action.GetProperty("message").GetString());
        Assert.Equal("q3", action.GetProperty("evidence")[0].GetProperty("messageId").GetString());
        Assert.Equal(FollowUpKinds.ActionConsequence, Plays(analysis).First());
        Assert.Equal("Any news on the data processing agreement?", analysis.GetProperty("facts").GetProperty("lastAsk").GetString());
    }

    [Fact]
    public async Task SameThreadAndClockGiveTheSameAnswer()
    {
        using var client = factory.CreateClient();
        var first = await PostAnalysisAsync(client, Ghosted());
        var second = await PostAnalysisAsync(client, Ghosted());

        Assert.Equal(first.GetRawText(), second.GetRawText());
    }

    [Fact]
    public async Task UniqueBodyThatStillHoldsHistoryIsCleanedToo()
    {
        using var client = factory.CreateClient();
        var message = Text("u1", Dana, Alex, "2026-11-17T09:00:00Z", "ignored full body") with
        {
            UniqueBody = new GraphItemBody
            {
                ContentType = "html",
                Content = "<div>Works for me, see you then.</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>Von:</b> Alex Morgan<br><b>Gesendet:</b> Montag<br><b>An:</b> Dana</div><div>Old text that must go</div>",
            },
        };
        var analysis = await PostAnalysisAsync(client, [message]);

        Assert.Equal("Works for me, see you then.", analysis.GetProperty("messages")[0].GetProperty("newText").GetString());
    }

    [Fact]
    public async Task NothingFromTheMailIsLogged()
    {
        using var client = factory.CreateClient();
        await PostAnalysisAsync(client, Ghosted());

        Assert.DoesNotContain("northwind-traders.com", factory.Logs.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Me, factory.Logs.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("proposal", factory.Logs.All, StringComparison.OrdinalIgnoreCase);
    }
}
