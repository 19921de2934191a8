using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;

namespace GhostAssist.Api.Tests.Outcomes;

/// <summary>
/// The embedded demo mailbox holds past follow-ups sent from GhostAssist (with the play header), some
/// answered and some not: the figures the pane shows are computed from those threads.
/// </summary>
public sealed class DemoOutcomesTests
{
    private static async Task<JsonElement> FiguresAfterReadingAsync(HttpClient client)
    {
        using (var radar = await client.GetAsync("/api/threads"))
        {
            Assert.Equal(HttpStatusCode.OK, radar.StatusCode);
        }

        return await client.GetFromJsonAsync<JsonElement>("/api/outcomes");
    }

    private static JsonElement Play(JsonElement figures, string play) =>
        figures.GetProperty("plays").EnumerateArray().Single(p => p.GetProperty("key").GetString() == play);

    private static int Int(JsonElement figures, string name) => figures.GetProperty(name).GetInt32();

    [Fact]
    public async Task TheRadarCountsTheDemoFollowUpsPerPlay()
    {
        await using var factory = new GhostAssistFactory();
        using var client = factory.CreateClient();

        var figures = await FiguresAfterReadingAsync(client);

        Assert.True(figures.GetProperty("tracking").GetBoolean());
        var invites = Play(figures, "calendar-invite");
        // Pellham and Cobalt answered, Wexford accepted the meeting; Kestrel and Finchley did not come back within the week.
        Assert.Equal((5, 3, 1, 2, 0), (Int(invites, "sent"), Int(invites, "recovered"), Int(invites, "recoveredByMeeting"), Int(invites, "missed"), Int(invites, "pending")));
        Assert.Equal(0.6, invites.GetProperty("recoveryRate").GetDouble());
        Assert.Equal(3, Int(invites, "medianDaysToComeBack"));
        var checkIns = Play(figures, "worried-check-in");
        Assert.Equal((3, 1, 1, 1), (Int(checkIns, "sent"), Int(checkIns, "recovered"), Int(checkIns, "missed"), Int(checkIns, "pending")));
        Assert.Equal(1, Int(checkIns, "medianDaysToComeBack"));
        var total = figures.GetProperty("total");
        Assert.Equal((15, 6, 5, 4), (Int(total, "sent"), Int(total, "recovered"), Int(total, "missed"), Int(total, "pending")));
        Assert.Equal(8, figures.GetProperty("plays").GetArrayLength());
        Assert.Contains(figures.GetProperty("situations").EnumerateArray(), s => s.GetProperty("key").GetString() == "single-threaded" && Int(s, "sent") == 2);
    }

    [Fact]
    public async Task ReadingTheSameThreadsAgainCountsEachFollowUpOnce()
    {
        await using var factory = new GhostAssistFactory();
        using var client = factory.CreateClient();
        var first = await FiguresAfterReadingAsync(client);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/api/threads")));
        foreach (var id in new[] { "demo-wexford-review", "demo-cobalt-renewal", "demo-kestrel-qbr" })
        {
            using var analysis = await client.GetAsync($"/api/threads/{id}/analysis");
            Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
        }

        var again = await client.GetFromJsonAsync<JsonElement>("/api/outcomes");
        Assert.Equal(first.GetProperty("total").GetRawText(), again.GetProperty("total").GetRawText());
        Assert.Equal(15, Int(again.GetProperty("total"), "sent"));
    }

    [Fact]
    public async Task ChangingTheDemoThreadsChangesTheFigures()
    {
        // Cobalt never answered, and Marlow's answer came back as an out-of-office.
        await using var factory = GhostAssistFactory.Create(new Dictionary<string, string?>(), services =>
            services.AddScoped<IMailboxSource>(provider => new EditedMailbox(provider.GetRequiredService<DemoMailbox>(), thread => thread.ConversationId switch
            {
                "demo-cobalt-renewal" => thread with { Messages = thread.Messages.Where(m => m.Id != "demo-cobalt-renewal-m04").ToArray() },
                "demo-marlow-pilot" => thread with
                {
                    Messages = thread.Messages.Select(m => m.Id != "demo-marlow-pilot-m03" ? m : m with
                    {
                        Subject = "Automatic reply: Marlow Hotels: pilot results",
                        Body = new GraphItemBody { ContentType = "text", Content = "I am out of the office at our conference with limited access to email." },
                        InternetMessageHeaders = [new GraphInternetMessageHeader { Name = "Auto-Submitted", Value = "auto-replied" }],
                    }).ToArray(),
                },
                _ => thread,
            })));
        using var client = factory.CreateClient();

        var figures = await FiguresAfterReadingAsync(client);

        var invites = Play(figures, "calendar-invite");
        Assert.Equal((5, 2, 3), (Int(invites, "sent"), Int(invites, "recovered"), Int(invites, "missed")));
        Assert.Equal(0.4, invites.GetProperty("recoveryRate").GetDouble());
        var checkIns = Play(figures, "worried-check-in");
        Assert.Equal((3, 0, 2), (Int(checkIns, "sent"), Int(checkIns, "recovered"), Int(checkIns, "missed")));
    }

    [Fact]
    public async Task TheTeamViewShowsARateOnlyFromFiveSends()
    {
        await using var factory = new GhostAssistFactory();
        using var client = factory.CreateClient();
        await FiguresAfterReadingAsync(client);

        var team = await client.GetFromJsonAsync<JsonElement>("/api/outcomes/team");

        Assert.Equal(5, Int(team, "minimumSends"));
        var rows = team.GetProperty("rows").EnumerateArray().ToList();
        var invites = rows.Single(r => r.GetProperty("play").GetString() == "calendar-invite");
        Assert.Equal("No team template", invites.GetProperty("templateName").GetString());
        Assert.Equal(0.6, invites.GetProperty("figures").GetProperty("recoveryRate").GetDouble());
        var actions = rows.Single(r => r.GetProperty("play").GetString() == "action-consequence");
        Assert.Equal(4, Int(actions.GetProperty("figures"), "sent"));
        Assert.False(actions.GetProperty("figures").TryGetProperty("recoveryRate", out var hidden) && hidden.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task TurningTrackingOffStopsCountingUntilItIsOnAgain()
    {
        await using var factory = new GhostAssistFactory();
        using var client = factory.CreateClient();
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/me/settings")).GetProperty("tracking").GetBoolean());

        using (var off = await client.PutAsJsonAsync("/api/me/settings", new { tracking = false }))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            Assert.False((await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tracking").GetBoolean());
        }

        var figures = await FiguresAfterReadingAsync(client);
        Assert.False(figures.GetProperty("tracking").GetBoolean());
        Assert.Equal(0, Int(figures.GetProperty("total"), "sent"));

        using (var on = await client.PutAsJsonAsync("/api/me/settings", new { tracking = true }))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        Assert.Equal(15, Int((await FiguresAfterReadingAsync(client)).GetProperty("total"), "sent"));
    }

    [Fact]
    public async Task ASettingsBodyWithoutTrackingIsABadRequestProblem()
    {
        await using var factory = new GhostAssistFactory();
        using var client = factory.CreateClient();

        using var response = await client.PutAsJsonAsync("/api/me/settings", new { tracking = (bool?)null });

        await AssertProblem(response, HttpStatusCode.BadRequest, "\"tracking\": false");
    }

    [Fact]
    public async Task TheDemoMailboxKeepsTheFollowUpFlagWithItsDueDate()
    {
        await using var factory = new GhostAssistFactory();
        using var client = factory.CreateClient();
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(4);
        using (var missing = await client.GetAsync("/api/reminders/demo-kestrel-qbr"))
        {
            await AssertProblem(missing, HttpStatusCode.NotFound, "No follow-up flag");
        }

        using var set = await client.PostAsJsonAsync("/api/reminders", new { conversationId = "demo-kestrel-qbr", dueDate = due, timeZone = "Europe/London" });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var flag = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("demo-kestrel-qbr-m04", flag.GetProperty("messageId").GetString());
        Assert.Equal(due.ToString("yyyy-MM-dd"), flag.GetProperty("dueDate").GetString());
        var read = await client.GetFromJsonAsync<JsonElement>("/api/reminders/demo-kestrel-qbr");
        Assert.Equal(due.ToString("yyyy-MM-dd"), read.GetProperty("dueDate").GetString());
        Assert.Equal("Europe/London", read.GetProperty("timeZone").GetString());
    }

    [Theory]
    [InlineData("demo-kestrel-qbr", -2, "Europe/London", HttpStatusCode.UnprocessableEntity, "has passed")]
    [InlineData("demo-kestrel-qbr", 400, "Europe/London", HttpStatusCode.UnprocessableEntity, "more than a year")]
    [InlineData("demo-kestrel-qbr", 3, "Mars/Olympus", HttpStatusCode.BadRequest, "IANA time zone")]
    [InlineData("demo-no-such-thread", 3, "Europe/London", HttpStatusCode.NotFound, "No conversation")]
    public async Task AReminderThatCannotBeSetSaysWhy(string conversationId, int days, string zone, HttpStatusCode status, string detail)
    {
        await using var factory = new GhostAssistFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/reminders", new { conversationId, dueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days), timeZone = zone });

        await AssertProblem(response, status, detail);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheOutcomeEndpoints()
    {
        await using var factory = new GhostAssistFactory();
        using var client = factory.CreateClient();

        var paths = (await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/outcomes", "/api/outcomes/team", "/api/me/settings", "/api/reminders/{conversationId}" })
        {
            Assert.True(paths.GetProperty(path).TryGetProperty("get", out var get), path);
            Assert.True(get.GetProperty("responses").TryGetProperty("200", out _), path);
        }
    }

    private sealed class EditedMailbox(DemoMailbox inner, Func<MailThread, MailThread> edit) : IMailboxSource
    {
        public string Kind => inner.Kind;

        public Task<string> GetMeAsync(CancellationToken cancellationToken) => inner.GetMeAsync(cancellationToken);

        public async Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken) =>
            await inner.GetThreadAsync(conversationId, cancellationToken) is { } thread ? edit(thread) : null;

        public async Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken) =>
            (await inner.GetRecentThreadsAsync(cancellationToken)).Select(edit).ToList();
    }
}
