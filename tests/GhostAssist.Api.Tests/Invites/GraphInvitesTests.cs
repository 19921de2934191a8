using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;
using static GhostAssist.Api.Tests.Invites.InviteTestKit;

namespace GhostAssist.Api.Tests.Invites;

/// <summary>
/// Graph mode against a loopback Graph: the real Graph SDK over real HTTP, the stand-in answering
/// in Graph's documented JSON, every request checked.
/// </summary>
public sealed class GraphInvitesTests
{
    private const string Token = "graph-token-for-tests";
    private const string Zone = "GMT Standard Time";

    private static readonly TestUser Member = TestUser.Member("tenant-a", "member-1");

    private static GhostAssistFactory GraphFactory(LoopbackServer graph, IDictionary<string, string?>? extra = null)
    {
        var baseUrl = new Uri(graph.BaseAddress, "v1.0").ToString();
        var client = new GraphServiceClient(new HttpClient(), new BaseBearerTokenAuthenticationProvider(new FixedToken()), baseUrl);
        var settings = new Dictionary<string, string?>
        {
            ["AzureAd:ClientId"] = "ghostassist-api",
            ["AzureAd:TenantId"] = "tenant-a",
            ["AzureAd:ClientSecret"] = "not-used-by-these-tests",
            // Requests sign in as test users; nothing here may reach a real Entra ID.
            ["AzureAd:Instance"] = graph.BaseAddress.ToString(),
            ["Graph:BaseUrl"] = baseUrl,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return Factory(Monday, testUsers: true, settings: settings, services: s => s.AddSingleton(client));
    }

    private static JsonObject Slot(string start, string end) => new()
    {
        ["confidence"] = 100,
        ["organizerAvailability"] = "free",
        ["suggestionReason"] = "Suggested because it is one of the nearest times when all attendees are available.",
        ["meetingTimeSlot"] = new JsonObject
        {
            ["start"] = new JsonObject { ["dateTime"] = start + ".0000000", ["timeZone"] = Zone },
            ["end"] = new JsonObject { ["dateTime"] = end + ".0000000", ["timeZone"] = Zone },
        },
        ["attendeeAvailability"] = new JsonArray(),
        ["locations"] = new JsonArray(),
    };

    private static Task<LoopbackServer> FindMeetingTimesServer(Func<IResult> answer) =>
        LoopbackServer.StartAsync(map => map.MapPost("/v1.0/me/findMeetingTimes", answer));

    [Fact]
    public async Task ProposalsAskGraphFindMeetingTimesInTheUsersZoneAndKeepTheHouseRules()
    {
        var suggestions = new JsonObject
        {
            ["@odata.context"] = "https://graph.example/v1.0/$metadata#microsoft.graph.meetingTimeSuggestionsResult",
            ["emptySuggestionsReason"] = "",
            ["meetingTimeSuggestions"] = new JsonArray(
                Slot("2026-11-24T07:30:00", "2026-11-24T08:00:00"), // before working hours
                Slot("2026-11-24T10:00:00", "2026-11-24T10:30:00"),
                Slot("2026-11-24T10:15:00", "2026-11-24T10:45:00"), // not on the half hour
                Slot("2026-11-24T14:00:00", "2026-11-24T14:30:00"),
                Slot("2026-11-25T11:00:00", "2026-11-25T11:30:00")),
        };
        await using var graph = await FindMeetingTimesServer(() => Results.Content(suggestions.ToJsonString(), "application/json"));
        await using var factory = GraphFactory(graph);
        using var client = factory.CreateClientAs(Member);

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new { attendees = new[] { new { address = Dana, name = "Dana Smith" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        Assert.Equal("graph", json.GetProperty("provider").GetString());
        Assert.Equal(
            [new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero)],
            json.GetProperty("slots").EnumerateArray().Select(s => s.Instant("start")));

        var request = Assert.Single(graph.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"Bearer {Token}", request.Headers["Authorization"]);
        Assert.Equal($"outlook.timezone=\"{Zone}\"", request.Headers["Prefer"]);
        var body = JsonNode.Parse(request.Body)!;
        var attendee = body["attendees"]![0]!;
        Assert.Equal("required", attendee["type"]!.GetValue<string>());
        Assert.Equal(Dana, attendee["emailAddress"]!["address"]!.GetValue<string>());
        Assert.Equal("work", body["timeConstraint"]!["activityDomain"]!.GetValue<string>());
        var window = body["timeConstraint"]!["timeSlots"]![0]!;
        // An hour's notice from 08:00; the default window ends Monday 30 November at 17:30.
        Assert.Equal("2026-11-23T09:00:00", window["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal(Zone, window["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("2026-11-30T17:30:00", window["end"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("PT30M", body["meetingDuration"]!.GetValue<string>());
        Assert.False(body["isOrganizerOptional"]!.GetValue<bool>());
        Assert.True(body["returnSuggestionReasons"]!.GetValue<bool>());
        Assert.True(body["maxCandidates"]!.GetValue<int>() >= 3);
    }

    [Fact]
    public async Task EmptySuggestionsAreNoFreeSlotWithGraphsReason()
    {
        await using var graph = await FindMeetingTimesServer(() => Results.Content(
            "{\"emptySuggestionsReason\":\"AttendeesUnavailable\",\"meetingTimeSuggestions\":[]}", "application/json"));
        await using var factory = GraphFactory(graph);
        using var client = factory.CreateClientAs(Member);

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new { attendees = new[] { new { address = Dana } } });

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "No free slot in the window");
        Assert.Equal("AttendeesUnavailable", problem.GetProperty("calendarReason").GetString());
    }

    [Theory]
    [InlineData(403, "ErrorAccessDenied", HttpStatusCode.Forbidden, "Calendars.ReadWrite")]
    [InlineData(404, "ErrorItemNotFound", HttpStatusCode.NotFound, "no mailbox or calendar")]
    [InlineData(429, "ApplicationThrottled", HttpStatusCode.TooManyRequests, "throttling")]
    [InlineData(503, "ServiceUnavailable", HttpStatusCode.BadGateway, "answered 503")]
    public async Task GraphErrorsBecomeProblems(int graphStatus, string code, HttpStatusCode expected, string detail)
    {
        await using var graph = await FindMeetingTimesServer(() => Results.Json(
            new { error = new { code, message = $"Mailbox {Dana} says no." } },
            statusCode: graphStatus));
        await using var factory = GraphFactory(graph);
        using var client = factory.CreateClientAs(Member);

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new { attendees = new[] { new { address = Dana } } });

        var problem = await AssertProblem(response, expected, detail);
        Assert.Equal(code, problem.GetProperty("graphCode").GetString());
        Assert.DoesNotContain(Dana, problem.GetRawText());
        Assert.DoesNotContain(Dana, factory.Logs.All);
    }

    [Fact]
    public async Task CreateSendsATeamsMeetingWithATransactionIdAndARepeatCreatesNothing()
    {
        var graph = await CalendarServer(teams: true);
        await using var server = graph.Server;
        await using var factory = GraphFactory(server);
        using var client = factory.CreateClientAs(Member);
        var request = new
        {
            slot = new { start = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), end = new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero) },
            me = Me,
            messages = Thread(),
        };

        using var first = await client.PostAsJsonAsync("/api/invites", request);
        using var second = await client.PostAsJsonAsync("/api/invites", request);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var invite = await first.ReadJson();
        Assert.Equal("graph", invite.GetProperty("provider").GetString());
        Assert.Equal("https://outlook.example/owa/?itemid=event-1", invite.GetProperty("webLink").GetString());
        Assert.Equal("https://outlook.example/owa/?itemid=event-1", first.Headers.Location?.OriginalString);
        Assert.False(invite.TryGetProperty("icsUrl", out _));
        Assert.True(invite.GetProperty("isOnlineMeeting").GetBoolean());
        Assert.Equal(invite.GetProperty("id").GetString(), (await second.ReadJson()).GetProperty("id").GetString());

        var posts = server.Requests.Where(r => r.Method == "POST" && r.Path == "/v1.0/me/events").ToList();
        var post = Assert.Single(posts);
        Assert.Equal($"Bearer {Token}", post.Headers["Authorization"]);
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal("Proposal walk-through, 30 min", body["subject"]!.GetValue<string>());
        Assert.Equal("html", body["body"]!["contentType"]!.GetValue<string>());
        Assert.Contains("<ol><li>", body["body"]!["content"]!.GetValue<string>());
        Assert.Equal("2026-11-24T10:00:00", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal(Zone, body["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("2026-11-24T10:30:00", body["end"]!["dateTime"]!.GetValue<string>());
        var attendee = Assert.Single(body["attendees"]!.AsArray())!;
        Assert.Equal("required", attendee["type"]!.GetValue<string>());
        Assert.Equal(Dana, attendee["emailAddress"]!["address"]!.GetValue<string>());
        Assert.True(body["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("teamsForBusiness", body["onlineMeetingProvider"]!.GetValue<string>());
        Assert.True(Guid.TryParse(body["transactionId"]!.GetValue<string>(), out _));
        Assert.Contains(server.Requests, r => r.Method == "GET" && r.Path == "/v1.0/me/calendar");
        Assert.Contains(server.Requests, r => r.Method == "GET" && r.Path == "/v1.0/me/events/event-1");

        // Another instance (nothing remembered) retrying the same click sends Graph the same transactionId.
        await using var otherInstance = GraphFactory(server);
        using var otherClient = otherInstance.CreateClientAs(Member);
        using var retried = await otherClient.PostAsJsonAsync("/api/invites", request);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var transactionIds = server.Requests.Where(r => r.Method == "POST" && r.Path == "/v1.0/me/events")
            .Select(r => JsonNode.Parse(r.Body)!["transactionId"]!.GetValue<string>()).ToList();
        Assert.Equal(2, transactionIds.Count);
        Assert.Single(transactionIds.Distinct());
    }

    [Fact]
    public async Task WhileRedisIsDownAClickedTwiceInviteIsStillOneMeetingAndTheOutageIsCounted()
    {
        var graph = await CalendarServer(teams: true);
        await using var server = graph.Server;
        // A Redis that nobody answers: the real client against a closed port, as when Redis is stopped.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var factory = GraphFactory(server, new Dictionary<string, string?> { ["Redis:Configuration"] = $"127.0.0.1:{closedPort},connectTimeout=500" });
        using var client = factory.CreateClientAs(Member);
        using var failures = new CountedMetric("ghostassist.shared_cache.failures", "ghostassist.cache", "invites");
        var request = new
        {
            slot = new { start = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), end = new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero) },
            attendees = new[] { new { address = Dana } },
            idempotencyKey = "redis-down-click",
        };

        using var first = await client.PostAsJsonAsync("/api/invites", request);
        using var second = await client.PostAsJsonAsync("/api/invites", request);

        // Nothing remembered the first meeting, so Graph was asked twice, with one transactionId: one meeting.
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((await first.ReadJson()).GetProperty("webLink").GetString(), (await second.ReadJson()).GetProperty("webLink").GetString());
        Assert.Equal(2, server.Requests.Count(r => r.Method == "POST" && r.Path == "/v1.0/me/events"));
        lock (graph.Events)
        {
            Assert.Single(graph.Events);
        }

        // Two reads and two writes of the shared cache failed, each counted and logged without the server's address.
        Assert.True(failures.Total >= 4, $"{failures.Total} shared cache failures counted");
        var warnings = factory.Logs.All.Split('\n').Where(l => l.Contains("The shared cache did not answer", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.DoesNotContain("127.0.0.1", w));
    }

    [Fact]
    public async Task MeetingDeletedInOutlookIsCreatedAgainOnTheNextClick()
    {
        var graph = await CalendarServer(teams: true);
        await using var server = graph.Server;
        await using var factory = GraphFactory(server);
        using var client = factory.CreateClientAs(Member);
        var request = new
        {
            slot = new { start = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), end = new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero) },
            attendees = new[] { new { address = Dana } },
        };

        using var first = await client.PostAsJsonAsync("/api/invites", request);
        lock (graph.Events)
        {
            graph.Events.Clear();
        }

        using var again = await client.PostAsJsonAsync("/api/invites", request);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("https://outlook.example/owa/?itemid=event-1", (await again.ReadJson()).GetProperty("webLink").GetString());
        Assert.Equal(2, server.Requests.Count(r => r.Method == "POST" && r.Path == "/v1.0/me/events"));
    }

    [Fact]
    public async Task DifferentUsersGetDifferentTransactionIdsForTheSameSlot()
    {
        var graph = await CalendarServer(teams: true);
        await using var server = graph.Server;
        await using var factory = GraphFactory(server);
        var request = new
        {
            slot = new { start = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), end = new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero) },
            attendees = new[] { new { address = Dana } },
        };

        using var one = factory.CreateClientAs(Member);
        using var two = factory.CreateClientAs(TestUser.Member("tenant-a", "member-2"));
        using var first = await one.PostAsJsonAsync("/api/invites", request);
        using var second = await two.PostAsJsonAsync("/api/invites", request);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var transactionIds = server.Requests.Where(r => r.Method == "POST" && r.Path == "/v1.0/me/events")
            .Select(r => JsonNode.Parse(r.Body)!["transactionId"]!.GetValue<string>()).Distinct();
        Assert.Equal(2, transactionIds.Count());
    }

    [Fact]
    public async Task CalendarWithoutTeamsGetsAPlainMeeting()
    {
        var graph = await CalendarServer(teams: false);
        await using var server = graph.Server;
        await using var factory = GraphFactory(server);
        using var client = factory.CreateClientAs(Member);

        using var response = await client.PostAsJsonAsync("/api/invites", new
        {
            slot = new { start = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), end = new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero) },
            attendees = new[] { new { address = Dana } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(server.Requests.Single(r => r.Method == "POST").Body)!.AsObject();
        Assert.False(body.ContainsKey("onlineMeetingProvider"));
        Assert.NotEqual(true, body["isOnlineMeeting"]?.GetValue<bool>());
    }

    [Fact]
    public async Task GraphRefusingTheEventIsAForbiddenProblem()
    {
        await using var server = await LoopbackServer.StartAsync(map =>
        {
            map.MapGet("/v1.0/me/calendar", () => Results.Content("{\"allowedOnlineMeetingProviders\":[\"teamsForBusiness\"]}", "application/json"));
            map.MapPost("/v1.0/me/events", () => Results.Json(new { error = new { code = "ErrorAccessDenied", message = "Access is denied." } }, statusCode: 403));
        });
        await using var factory = GraphFactory(server);
        using var client = factory.CreateClientAs(Member);

        using var response = await client.PostAsJsonAsync("/api/invites", new
        {
            slot = new { start = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), end = new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero) },
            attendees = new[] { new { address = Dana } },
        });

        await AssertProblem(response, HttpStatusCode.Forbidden, "create the meeting");
    }

    private sealed record CalendarStandIn(LoopbackServer Server, Dictionary<string, JsonObject> Events);

    /// <summary>The shared calendar stand-in (GET /me/calendar, POST /me/events, GET /me/events/{id}) under /v1.0.</summary>
    private static async Task<CalendarStandIn> CalendarServer(bool teams)
    {
        var calendar = new FakeGraphCalendar(teams);
        var server = await LoopbackServer.StartAsync(map => calendar.Map(map.MapGroup("/v1.0")));
        return new CalendarStandIn(server, calendar.Events);
    }

    private sealed class FixedToken : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Token);
    }
}
