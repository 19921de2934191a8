using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using GhostAssist.Api.Tests.Templates;
using Microsoft.Extensions.DependencyInjection;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;
using static GhostAssist.Api.Tests.Outcomes.OutcomeThreads;

namespace GhostAssist.Api.Tests.Outcomes;

/// <summary>SQLite: outcome counts in the template store file.</summary>
public sealed class SqliteOutcomeStoreFixture : OutcomeStoreFixture<SqliteStoreFixture>;

/// <summary>PostgreSQL: outcome counts on the real server scripts/postgres.sh starts (fails without it, never skips).</summary>
public sealed class PostgresOutcomeStoreFixture : OutcomeStoreFixture<PostgresStoreFixture>;

/// <summary>The template store's provider settings, with a mailbox and a clock the tests control.</summary>
public abstract class OutcomeStoreFixture<TStore> : IAsyncLifetime where TStore : TemplateStoreFixture, new()
{
    private readonly TStore _store = new();

    public ScriptedMailbox Mailbox { get; } = new();

    public MovableClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    public GhostAssistFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = GhostAssistFactory.Create(_store.StoreSettings, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddScoped<IMailboxSource>(_ => Mailbox);
        }, useTestUsers: true);
        using var client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _store.DisposeAsync();
    }
}

public sealed class SqliteOutcomeStoreTests(SqliteOutcomeStoreFixture fixture)
    : OutcomeStoreTests(fixture.Factory, fixture.Mailbox, fixture.Clock), IClassFixture<SqliteOutcomeStoreFixture>;

public sealed class PostgresOutcomeStoreTests(PostgresOutcomeStoreFixture fixture)
    : OutcomeStoreTests(fixture.Factory, fixture.Mailbox, fixture.Clock), IClassFixture<PostgresOutcomeStoreFixture>;

/// <summary>Counting follow-ups as threads are read, on both providers. Tests of a class run one after another, each in its own tenant.</summary>
public abstract class OutcomeStoreTests(GhostAssistFactory factory, ScriptedMailbox mailbox, MovableClock clock)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static string NewTenant() => $"tenant-{Guid.NewGuid():N}";

    private static GraphMessage Proposal(string id) => Ours(id, Start.AddDays(-12), "Hi Riley,\n\nHere is the renewal proposal with the pricing we discussed. Could you confirm by Friday?\n\nSam");

    private static async Task<JsonElement> FiguresAsync(HttpClient client, string conversationId)
    {
        using (var read = await client.GetAsync($"/api/threads/{conversationId}/analysis"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        return await client.GetFromJsonAsync<JsonElement>("/api/outcomes");
    }

    private static (int Sent, int Recovered, int Missed, int Pending) Of(JsonElement figures, string play)
    {
        var p = figures.GetProperty("plays").EnumerateArray().Single(x => x.GetProperty("key").GetString() == play);
        return (p.GetProperty("sent").GetInt32(), p.GetProperty("recovered").GetInt32(), p.GetProperty("missed").GetInt32(), p.GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task APendingFollowUpBecomesRecoveredWhenTheReplyIsReadLater()
    {
        clock.Now = Start.AddDays(1);
        var conversation = $"conv-{Guid.NewGuid():N}";
        var followUp = Ours($"{conversation}-f", Start, "Hi Riley,\n\nShall we meet on Thursday at 10:00?\n\nSam", "calendar-invite; situation=days-silent");
        mailbox.Put(conversation, Proposal($"{conversation}-p"), followUp);
        using var client = factory.CreateClientAs(TestUser.Member(NewTenant()));

        Assert.Equal((1, 0, 0, 1), Of(await FiguresAsync(client, conversation), "calendar-invite"));

        clock.Now = Start.AddDays(3);
        mailbox.Put(conversation, Proposal($"{conversation}-p"), followUp, Theirs($"{conversation}-r", Start.AddDays(2), "Hi Sam,\n\nThursday works.\n\nRiley"));
        var figures = await FiguresAsync(client, conversation);

        Assert.Equal((1, 1, 0, 0), Of(figures, "calendar-invite"));
        var invites = figures.GetProperty("plays").EnumerateArray().Single(x => x.GetProperty("key").GetString() == "calendar-invite");
        Assert.Equal(2, invites.GetProperty("medianDaysToComeBack").GetInt32());
        Assert.Equal(1.0, invites.GetProperty("recoveryRate").GetDouble());
    }

    [Fact]
    public async Task APendingFollowUpIsMissedOnceItsWeekHasPassed()
    {
        clock.Now = Start.AddDays(2);
        var conversation = $"conv-{Guid.NewGuid():N}";
        mailbox.Put(conversation, Proposal($"{conversation}-p"), Ours($"{conversation}-f", Start, "Hi Riley,\n\nIs the renewal still a priority?\n\nSam", "worried-check-in"));
        using var client = factory.CreateClientAs(TestUser.Member(NewTenant()));
        Assert.Equal((1, 0, 0, 1), Of(await FiguresAsync(client, conversation), "worried-check-in"));

        clock.Now = Start.AddDays(8);

        Assert.Equal((1, 0, 1, 0), Of(await FiguresAsync(client, conversation), "worried-check-in"));
    }

    [Fact]
    public async Task ManyReadsAtOnceCountEachFollowUpExactlyOnce()
    {
        clock.Now = Start.AddDays(10);
        var conversation = $"conv-{Guid.NewGuid():N}";
        mailbox.Put(conversation, Proposal($"{conversation}-p"),
            Ours($"{conversation}-f1", Start, "Hi Riley,\n\nAny news on the proposal?\n\nSam", "urgency-test; situation=days-silent"),
            Theirs($"{conversation}-r", Start.AddHours(5), "Hi Sam,\n\nYes, we sign next week.\n\nRiley"));
        var user = TestUser.Member(NewTenant());

        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var client = factory.CreateClientAs(user);
            using var response = await client.GetAsync(i % 2 == 0 ? "/api/threads" : $"/api/threads/{conversation}/analysis");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));

        using var reader = factory.CreateClientAs(user);
        var figures = await reader.GetFromJsonAsync<JsonElement>("/api/outcomes");
        Assert.Equal((1, 1, 0, 0), Of(figures, "urgency-test"));
    }

    [Fact]
    public async Task EachUserSeesOnlyTheirOwnFigures()
    {
        clock.Now = Start.AddDays(10);
        var tenant = NewTenant();
        var conversation = $"conv-{Guid.NewGuid():N}";
        mailbox.Put(conversation, Proposal($"{conversation}-p"), Ours($"{conversation}-f", Start, "Hi Riley,\n\nAny news?\n\nSam", "re-engage"));
        using var first = factory.CreateClientAs(TestUser.Member(tenant, "member-1"));
        using var second = factory.CreateClientAs(TestUser.Member(tenant, "member-2"));
        using var otherTenant = factory.CreateClientAs(TestUser.Member(NewTenant(), "member-1"));

        Assert.Equal(1, Of(await FiguresAsync(first, conversation), "re-engage").Sent);

        Assert.Equal(0, Of(await second.GetFromJsonAsync<JsonElement>("/api/outcomes"), "re-engage").Sent);
        Assert.Equal(0, Of(await otherTenant.GetFromJsonAsync<JsonElement>("/api/outcomes"), "re-engage").Sent);
    }

    [Fact]
    public async Task ATeamLeadSeesTheTeamTemplatesFiguresAndAMemberIsRefused()
    {
        clock.Now = Start.AddDays(10);
        var tenant = NewTenant();
        using var lead = factory.CreateClientAs(TestUser.Lead(tenant));
        using var created = await lead.PostAsJsonAsync("/api/templates", new
        {
            name = "QBR invite", kind = "calendar-invite", scope = "team", subject = "Quick QBR",
            body = "Hi {{contactFirstName}},\n\nCould we meet on {{proposedSlot}}?\n\n{{userFirstName}}",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var templateId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Six people of the team send the team template once each; four hear back within the week.
        for (var i = 0; i < 6; i++)
        {
            var conversation = $"conv-{Guid.NewGuid():N}";
            var messages = new List<GraphMessage>
            {
                Proposal($"{conversation}-p"),
                Ours($"{conversation}-f", Start, "Hi Riley,\n\nCould we meet on Thursday?\n\nSam", $"calendar-invite; situation=days-silent; template={templateId}"),
            };
            if (i < 4)
            {
                messages.Add(Theirs($"{conversation}-r", Start.AddDays(1), "Hi Sam,\n\nThursday is good.\n\nRiley"));
            }

            mailbox.Put(conversation, [.. messages]);
            using var member = factory.CreateClientAs(TestUser.Member(tenant, $"member-{i}"));
            await FiguresAsync(member, conversation);
        }

        // A personal template is counted for its owner but never named to the lead.
        var personal = $"conv-{Guid.NewGuid():N}";
        mailbox.Put(personal, Proposal($"{personal}-p"), Ours($"{personal}-f", Start, "Hi Riley,\n\nAny news?\n\nSam", $"worried-check-in; template={Guid.NewGuid()}"));
        using (var member = factory.CreateClientAs(TestUser.Member(tenant, "member-9")))
        {
            await FiguresAsync(member, personal);
            using var refused = await member.GetAsync("/api/outcomes/team");
            await AssertProblem(refused, HttpStatusCode.Forbidden, "team lead");
        }

        var team = await lead.GetFromJsonAsync<JsonElement>("/api/outcomes/team");

        Assert.Equal(7, team.GetProperty("people").GetInt32());
        var rows = team.GetProperty("rows").EnumerateArray().ToList();
        var qbr = rows.Single(r => r.GetProperty("templateName").GetString() == "QBR invite");
        Assert.Equal(templateId.ToString("N"), qbr.GetProperty("templateId").GetString());
        Assert.Equal(6, qbr.GetProperty("figures").GetProperty("sent").GetInt32());
        Assert.Equal(4, qbr.GetProperty("figures").GetProperty("recovered").GetInt32());
        Assert.Equal(0.667, qbr.GetProperty("figures").GetProperty("recoveryRate").GetDouble());
        var other = rows.Single(r => r.GetProperty("play").GetString() == "worried-check-in");
        Assert.Equal("No team template", other.GetProperty("templateName").GetString());
        Assert.False(other.GetProperty("figures").TryGetProperty("recoveryRate", out var rate) && rate.ValueKind != JsonValueKind.Null);
        using var notMine = await lead.GetAsync("/api/outcomes/team?team=some-group-i-am-not-in");
        await AssertProblem(notMine, HttpStatusCode.Forbidden, "not a member");
    }
}
