using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GhostAssist.Api.Tests.Drafting;

/// <summary>The whole chain on the demo mailbox: demo threads, the real analyzer, the built-in composer, the coach.</summary>
public sealed class DemoDraftingTests(GhostAssistFactory factory, ITestOutputHelper output) : IClassFixture<GhostAssistFactory>
{
    private async Task<IReadOnlyList<MailThread>> DemoThreads()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DemoMailbox>().GetRecentThreadsAsync(CancellationToken.None);
    }

    [Fact]
    public async Task BuiltInDraftsScoreAtLeast80OnEveryDemoThread()
    {
        using var client = factory.CreateClient();
        var threads = await DemoThreads();
        Assert.True(threads.Count >= 10);
        var drafted = 0;
        var report = new List<string>();
        foreach (var thread in threads)
        {
            var applicable = 0;
            foreach (var kind in FollowUpKinds.All)
            {
                using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = thread.ConversationId, kind });
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
                {
                    report.Add($"{thread.ConversationId} {kind}: 422 {JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()}");
                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{thread.ConversationId} {kind}: {(int)response.StatusCode} {text}");
                var draft = JsonDocument.Parse(text).RootElement;
                var body = draft.GetProperty("bodyText").GetString()!;
                var coach = draft.GetProperty("coach");
                var score = coach.GetProperty("score").GetInt32();
                report.Add($"{thread.ConversationId} {kind}: {score} \"{draft.GetProperty("subject").GetString()}\"");
                // A draft carries its play's facts, or a visible slot where the thread lacks one (and the coach says so).
                if (CoachSubstance.Slots(body) > 0)
                {
                    Assert.Contains(coach.GetProperty("tips").EnumerateArray(), t => t.GetProperty("code").GetString() == "unfilled-slot");
                    report[^1] += " (slot)";
                }
                else
                {
                    Assert.True(score >= 80, $"{thread.ConversationId} {kind}: coach {score}\n{body}\n{coach}");
                }
                Assert.InRange(coach.GetProperty("metrics").GetProperty("wordCount").GetInt32(), 50, 125);
                Assert.InRange(coach.GetProperty("metrics").GetProperty("subjectWords").GetInt32(), 3, 4);
                Assert.InRange(coach.GetProperty("metrics").GetProperty("questionCount").GetInt32(), 0, 3);
                var to = draft.GetProperty("to")[0].GetProperty("address").GetString()!;
                Assert.Contains(thread.Messages, m => m.From?.EmailAddress?.Address == to
                    || (m.ToRecipients ?? []).Concat(m.CcRecipients ?? []).Any(r => r.EmailAddress?.Address == to));
                Assert.Equal("builtin", draft.GetProperty("provider").GetString());
                applicable++;
                drafted++;
            }

            Assert.True(applicable >= 4, $"{thread.ConversationId}: only {applicable} plays apply");
        }

        output.WriteLine(string.Join('\n', report));
        Assert.True(drafted >= 60);
    }

    [Fact]
    public async Task PromptCarriesEachMessagesNewTextOnceAndIsSmallerThanTheFullBodies()
    {
        var threads = await DemoThreads();
        var analyzer = factory.Services.GetRequiredService<ThreadAnalyzer>();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        long promptTokens = 0, fullTokens = 0;
        foreach (var thread in threads)
        {
            var analysis = analyzer.Analyze(thread.Me, thread.Messages, thread.ConversationId);
            var prompt = DraftPrompt.Build(DraftPlanner.Plan(analysis, FollowUpCatalog.Find(FollowUpKinds.CalendarInvite)!, "warm", null, "Alex Morgan", now));

            // What the prompt would be with each message's full body (quoted history and all) as the data.
            var bodies = thread.Messages.Sum(m => (long)(m.Body?.Content?.Length ?? 0));
            var newText = analysis.Messages.Where(m => !m.IsAutoReply).Sum(m => (long)m.NewText.Length);
            var full = (prompt.System.Length + prompt.User.Length - newText + bodies + 3) / 4;
            output.WriteLine($"{thread.ConversationId}: {thread.Messages.Count} messages, prompt ~{prompt.EstimatedTokens} tokens, with full bodies ~{full} tokens");
            promptTokens += prompt.EstimatedTokens;
            fullTokens += full;

            // The first message's opening words are quoted by later replies in the bodies, but sent once.
            var first = analysis.Messages.Where(m => !m.IsAutoReply).OrderBy(m => m.SentDateTime).First(m => m.NewText.Length > 40).NewText;
            var opening = first[..40];
            Assert.Equal(1, Occurrences(prompt.User, opening));
        }

        output.WriteLine($"all {threads.Count} demo threads: prompt ~{promptTokens} tokens, with full bodies ~{fullTokens} tokens");
        Assert.True(promptTokens < fullTokens);
    }

    [Fact]
    public async Task DemoDraftsFollowTheThreadsPeopleAndPlays()
    {
        using var client = factory.CreateClient();

        var multi = await Draft(client, "demo-pellham-decision", FollowUpKinds.MultiThread);
        Assert.Equal("richard.hale@pellhamfoods.example", multi.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("tom.reilly@pellhamfoods.example", multi.GetProperty("cc")[0].GetProperty("address").GetString());
        Assert.StartsWith("Hi Richard,", multi.GetProperty("bodyText").GetString());
        Assert.Contains("copied Tom", multi.GetProperty("bodyText").GetString());

        var restart = await Draft(client, "demo-lumen-january", FollowUpKinds.ReEngage);
        Assert.StartsWith("Hi Marcus,", restart.GetProperty("bodyText").GetString());
        Assert.Contains("January", restart.GetProperty("bodyText").GetString());
        Assert.Equal(1, DateOnly.Parse(restart.GetProperty("askBy").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Month);

        var chase = await Draft(client, "demo-harrowgate-proposal", FollowUpKinds.WorriedCheckIn);
        Assert.StartsWith("Hi Daniel,", chase.GetProperty("bodyText").GetString());
        Assert.Equal("daniel.brooks@harrowgate-logistics.example", chase.GetProperty("to")[0].GetProperty("address").GetString());

        using var single = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "demo-harrowgate-proposal", kind = FollowUpKinds.ReEngage });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, single.StatusCode);
    }

    [Fact]
    public async Task ModelGetsTheDemoThreadsNewTextNotItsQuotedHistory()
    {
        await using var model = await ChatModelServer.Answering("{}");
        await using var app = factory.With(new Dictionary<string, string?>
        {
            ["AzureOpenAI:Endpoint"] = model.BaseAddress.ToString(),
            ["AzureOpenAI:ApiKey"] = "test-key",
            ["AzureOpenAI:Deployment"] = "drafts",
        });
        using var client = app.CreateClient();
        var thread = (await DemoThreads()).Single(t => t.ConversationId == "demo-finchley-slowing");
        var analysis = factory.Services.GetRequiredService<ThreadAnalyzer>().Analyze(thread.Me, thread.Messages, thread.ConversationId);
        var first = analysis.Messages.Where(m => !m.IsAutoReply).OrderBy(m => m.SentDateTime).First();

        // A line of the first message that later bodies quote: sent once, as that message's new text.
        var opening = first.NewText.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.Length > 30).Select(line => line[..30])
            .FirstOrDefault(line => thread.Messages.Count(m => m.Body?.Content?.Contains(line, StringComparison.Ordinal) == true) >= 2);
        Assert.NotNull(opening);

        var draft = await Draft(client, "demo-finchley-slowing", FollowUpKinds.UrgencyTest);

        using var request = JsonDocument.Parse(Assert.Single(model.Requests).Body);
        var user = request.RootElement.GetProperty("messages")[1].GetProperty("content").GetString()!;
        Assert.Equal(1, Occurrences(user, opening));
        Assert.Equal("builtin", draft.GetProperty("provider").GetString()); // "{}" is no draft: the fallback wrote it
    }

    [Fact]
    public async Task ThreadsInTheBodyWithGapsOrNothingUsableAreProblemsNotErrors()
    {
        using var client = factory.CreateClient();
        var thread = (await DemoThreads()).Single(t => t.ConversationId == "demo-kestrel-qbr");

        using var withNull = await client.PostAsJsonAsync("/api/drafts", new { me = thread.Me, messages = thread.Messages.Cast<object?>().Prepend(null), kind = FollowUpKinds.WiifmSummary });
        Assert.Equal(HttpStatusCode.OK, withNull.StatusCode);

        using var onlyNull = await client.PostAsJsonAsync("/api/drafts", new { me = thread.Me, messages = new object?[] { null }, kind = FollowUpKinds.WiifmSummary });
        Assert.True((int)onlyNull.StatusCode is >= 400 and < 500, $"{(int)onlyNull.StatusCode}");
        Assert.Equal("application/problem+json", onlyNull.Content.Headers.ContentType?.MediaType);

        using var noBodies = await client.PostAsJsonAsync("/api/drafts", new { me = thread.Me, messages = thread.Messages.Select(m => m with { Body = null, UniqueBody = null }), kind = FollowUpKinds.UrgencyTest });
        Assert.True((int)noBodies.StatusCode is 200 or (>= 400 and < 500), $"{(int)noBodies.StatusCode}");
    }

    [Fact]
    public async Task ActionNoteNamesTheStepTheThreadAsksForWithItsConsequence()
    {
        using var client = factory.CreateClient();
        var body = (await Draft(client, "demo-brightwater-sso", FollowUpKinds.ActionConsequence)).GetProperty("bodyText").GetString()!;

        Assert.Contains("The step I need from you: switch on the Entra ID connector, by ", body);
        Assert.Contains("your officers will be locked out of case management", body);
        Assert.DoesNotContain("[", body);
    }

    [Fact]
    public async Task RecapRestatesWhatTheyPromisedInTheirOwnWords()
    {
        using var client = factory.CreateClient();
        var body = (await Draft(client, "demo-harrowgate-proposal", FollowUpKinds.MicroCommitmentRecap)).GetProperty("bodyText").GetString()!;

        Assert.Matches(@"- You will: review internally and get back to me by \w+day \d+ \w+\.", body);
        Assert.DoesNotContain("share your feedback", body);
    }

    [Fact]
    public async Task ReportCardListsResultsAndNeverPassesTheirAimsOffAsResults()
    {
        using var client = factory.CreateClient();
        var results = (await Draft(client, "demo-cobalt-renewal", FollowUpKinds.WiifmSummary)).GetProperty("bodyText").GetString()!;
        Assert.Contains("- customer calls about late deliveries down 38%", results);
        Assert.Contains("- 9 hours a week saved in your Lisbon team", results);

        // Harrowgate's thread holds what they want, not what was delivered: slots for results, their aims said as aims.
        var aims = (await Draft(client, "demo-harrowgate-proposal", FollowUpKinds.WiifmSummary)).GetProperty("bodyText").GetString()!;
        Assert.Contains("- [the outcome you delivered, with a number]", aims);
        Assert.Contains("You told me what matters most:\n- getting the redelivery costs fixed before peak", aims);
    }

    [Fact]
    public async Task ModelGetsTheThreadsOwnStepAndCommitmentsAsFacts()
    {
        var threads = await DemoThreads();
        var analyzer = factory.Services.GetRequiredService<ThreadAnalyzer>();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        ThreadAnalysis Analyse(string id) => threads.Single(t => t.ConversationId == id) is var t ? analyzer.Analyze(t.Me, t.Messages, t.ConversationId) : null!;

        var action = DraftPrompt.Build(DraftPlanner.Plan(Analyse("demo-brightwater-sso"), FollowUpCatalog.Find(FollowUpKinds.ActionConsequence)!, "warm", null, "Alex Morgan", now));
        Assert.Contains("\"theirAction\":\"switch on the Entra ID connector\"", action.User);
        Assert.Contains("\"theirConsequence\":\"If not, your officers will be locked out", action.User);

        var recap = DraftPrompt.Build(DraftPlanner.Plan(Analyse("demo-harrowgate-proposal"), FollowUpCatalog.Find(FollowUpKinds.MicroCommitmentRecap)!, "warm", null, "Alex Morgan", now));
        Assert.Contains("\"youWill\":\"review internally and get back to me\"", recap.User);
        Assert.Contains("\"weSent\":[\"proposal (sent ", recap.User);
        Assert.DoesNotContain("review internally", recap.System);
    }

    private static async Task<JsonElement> Draft(HttpClient client, string conversationId, string kind)
    {
        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId, kind });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{conversationId} {kind}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
