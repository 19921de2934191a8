using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GhostAssist.Api.Invites;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using GhostAssist.Api.Tests.Invites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GhostAssist.Api.Tests.Hardening;

/// <summary>The attacker's list from issue 15, each answered cleanly through the API.</summary>
public sealed class HostileInputTests(GhostAssistFactory factory) : IClassFixture<GhostAssistFactory>
{
    private const char RightToLeftOverride = '\u202E';

    [Fact]
    public async Task TemplateRenderRefusesAValueLongerThanTheLimitAndSaysTheLimit()
    {
        using var client = factory.CreateClient();
        var id = await CreateTemplateAsync(client, string.Concat(Enumerable.Repeat("{{today}} ", 1_900)));

        using var response = await client.PostAsJsonAsync($"/api/templates/{id}/render", new { values = new { today = new string('x', 10_000) } });

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "at most 1,000 characters");
        Assert.Contains("today", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TemplateRenderStopsAtTheRenderedSizeLimit()
    {
        using var client = factory.CreateClient();
        var id = await CreateTemplateAsync(client, string.Concat(Enumerable.Repeat("{{today}} ", 1_900)));

        using var response = await client.PostAsJsonAsync($"/api/templates/{id}/render", new { values = new { today = new string('x', 1_000) } });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "longer than 40,000 characters");
    }

    [Fact]
    public async Task DraftFromATemplateThatRendersTooLargeIsRefusedWithTheLimit()
    {
        using var client = factory.CreateClient();
        var id = await CreateTemplateAsync(client, string.Concat(Enumerable.Repeat("{{subject}}", 1_800)));

        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "demo-harrowgate-proposal", templateId = id });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "40,000 characters");
    }

    [Theory]
    [InlineData("Europe")]
    [InlineData("America")]
    [InlineData("posix")]
    [InlineData("../../../etc/passwd")]
    [InlineData("Europe/")]
    public async Task TimeZoneNamingAZoneFolderIsBadRequestNotServerError(string zone)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new { conversationId = "demo-harrowgate-proposal", timeZone = zone });

        await AssertProblem(response, HttpStatusCode.BadRequest, "Europe/London");
    }

    [Fact]
    public async Task PostedConversationIdWithALineBreakCannotForgeALogLine()
    {
        using var local = new GhostAssistFactory();
        using var client = local.CreateClient();
        var forged = "conv-1\r\nCritical Forged: password reset for victim@contoso.example";
        var messages = InviteTestKit.Thread().Select(m => m with { ConversationId = forged }).ToArray();

        using var response = await client.PostAsJsonAsync("/api/drafts", new { me = InviteTestKit.Me, messages, kind = "worried-check-in" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(local.Logs.Lines, line => line.Contains("Drafted", StringComparison.Ordinal));
        Assert.DoesNotContain(local.Logs.Lines, line => line.Contains('\n') || line.Contains('\r') && line.Contains("Forged", StringComparison.Ordinal));
        Assert.DoesNotContain("victim@contoso.example", local.Logs.All);
    }

    [Fact]
    public async Task AMalformedFieldIsDescribedWithoutDotNetTypeNames()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/analysis", new StringContent("""{ "me": "alex@contoso.example", "messages": "not a list" }""", Encoding.UTF8, "application/json"));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest, "$.messages");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("an array", detail);
        Assert.DoesNotContain("System.", detail);
        Assert.DoesNotContain("GhostAssist.", detail);
        Assert.DoesNotContain("`1", detail);
    }

    [Fact]
    public async Task AServerErrorsTraceIdIsTheIdInTheLog()
    {
        using var local = GhostAssistFactory.Create(new Dictionary<string, string?>(), services => services.AddSingleton<IMailboxSource, BrokenMailbox>());
        using var client = local.CreateClient();

        using var response = await client.GetAsync("/api/threads");

        var problem = await AssertProblem(response, HttpStatusCode.InternalServerError, "trace id");
        var traceId = problem.GetProperty("traceId").GetString()!;
        Assert.Contains(local.Logs.Lines, line => line.Contains("Unhandled", StringComparison.Ordinal) && line.Contains(traceId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rebind.attacker.example")]
    [InlineData("localhost.attacker.example")]
    [InlineData("192.168.1.20")]
    public async Task DemoModeRefusesAHostHeaderThatIsNotLoopback(string host)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        await AssertProblem(response, HttpStatusCode.BadRequest, "localhost");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:5080")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    public async Task DemoModeServesLoopbackHostHeaders(string host)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EachDemoCallerHasItsOwnRateLimitBucket()
    {
        using var local = BehindLoopbackProxy(new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "3" });
        using var first = Caller(local, "203.0.113.10");
        using var second = Caller(local, "203.0.113.20");

        for (var i = 0; i < 3; i++)
        {
            using var ok = await first.GetAsync("/api/followups/kinds");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await first.GetAsync("/api/followups/kinds");
        await AssertProblem(limited, HttpStatusCode.TooManyRequests, "Retry after");
        using var other = await second.GetAsync("/api/followups/kinds");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task RateLimitingCountsTheBytesAnalysedNotOnlyTheRequests()
    {
        using var local = BehindLoopbackProxy(new Dictionary<string, string?> { ["RateLimiting:AnalysedBytesPerWindow"] = "400000" });
        using var heavy = Caller(local, "203.0.113.30");
        using var light = Caller(local, "203.0.113.40");
        var big = new { me = InviteTestKit.Me, messages = InviteTestKit.Thread().Select(m => m with { Body = new GraphItemBody { ContentType = "text", Content = new string('a', 60_000) } }).ToArray() };

        using var one = await heavy.PostAsJsonAsync("/api/analysis", big);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        using var two = await heavy.PostAsJsonAsync("/api/analysis", big);

        var problem = await AssertProblem(two, HttpStatusCode.TooManyRequests, "400,000 bytes");
        Assert.NotNull(two.Headers.RetryAfter);
        using var other = await light.PostAsJsonAsync("/api/analysis", new { me = InviteTestKit.Me, messages = InviteTestKit.Thread() });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.True(problem.GetProperty("retryAfterSeconds").GetInt32() >= 1);
    }

    [Fact]
    public async Task AThreadLargerThanTheWholeBudgetIsTooLargeNotTooMany()
    {
        using var local = GhostAssistFactory.Create(new Dictionary<string, string?> { ["RateLimiting:AnalysedBytesPerWindow"] = "100000" });
        using var client = local.CreateClient();
        var big = new { me = InviteTestKit.Me, messages = InviteTestKit.Thread().Select(m => m with { Body = new GraphItemBody { ContentType = "text", Content = new string('a', 60_000) } }).ToArray() };

        using var response = await client.PostAsJsonAsync("/api/analysis", big);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "100,000 bytes");
    }

    [Fact]
    public async Task AnOversizedMeIsRefused()
    {
        using var client = factory.CreateClient();
        var me = new string('a', 4 * 1024 * 1024 - 64) + "@contoso.example";

        using var analysis = await client.PostAsJsonAsync("/api/analysis", new { me, messages = InviteTestKit.Thread() });
        using var draft = await client.PostAsJsonAsync("/api/drafts", new { me, messages = InviteTestKit.Thread(), kind = "worried-check-in" });

        await AssertProblem(analysis, HttpStatusCode.BadRequest, "\"me\"");
        await AssertProblem(draft, HttpStatusCode.BadRequest, "320 characters");
    }

    [Fact]
    public async Task AnOversizedRecipientIsRefused()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "demo-harrowgate-proposal", kind = "multi-thread", recipient = new string('r', 4 * 1024 * 1024) + "@contoso.example" });

        await AssertProblem(response, HttpStatusCode.BadRequest, "320 characters");
    }

    [Fact]
    public async Task ARecipientWithADirectionOverrideIsRefused()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "demo-harrowgate-proposal", kind = "multi-thread", recipient = $"ana{RightToLeftOverride}moc.rekcah@evil.example" });

        await AssertProblem(response, HttpStatusCode.BadRequest, "text-direction");
    }

    [Fact]
    public async Task AnAttendeeAddressWithADirectionOverrideIsRefused()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new
        {
            conversationId = "demo-harrowgate-proposal",
            attendees = new[] { new { address = $"dana{RightToLeftOverride}@contoso.example" } },
        });

        await AssertProblem(response, HttpStatusCode.BadRequest, "attendees[0].address");
    }

    [Fact]
    public async Task DirectionOverridesNeverReachTheIcsFile()
    {
        using var local = InviteTestKit.Factory(InviteTestKit.Monday);
        using var client = local.CreateClient();
        var slotStart = InviteTestKit.Monday.AddDays(1).AddHours(6);

        using var created = await client.PostAsJsonAsync("/api/invites", new
        {
            slot = new { start = slotStart, end = slotStart.AddMinutes(30) },
            messages = InviteTestKit.Thread(),
            me = InviteTestKit.Me,
            subject = $"Renewal {RightToLeftOverride}fdp.exe",
            attendees = new[] { new { address = InviteTestKit.Dana, name = $"Dana {RightToLeftOverride}htimS" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invite = await created.Content.ReadFromJsonAsync<JsonElement>();
        var ics = await client.GetStringAsync(invite.GetProperty("icsUrl").GetString());

        Assert.DoesNotContain(RightToLeftOverride, ics);
        Assert.Contains("SUMMARY:Renewal fdp.exe", ics);
        Assert.Contains("CN=Dana htimS", ics);
    }

    [Fact]
    public async Task AMebibyteOfUnbalancedHtmlGetsACleanAnswer()
    {
        using var client = factory.CreateClient();
        var html = new StringBuilder("<html><body>");
        while (html.Length < 1024 * 1024)
        {
            html.Append("<div><span><b><i><table><tr><td><p>");
        }

        var message = InviteTestKit.Thread()[1] with { Body = new GraphItemBody { ContentType = "html", Content = html.ToString() } };

        using var response = await client.PostAsJsonAsync("/api/analysis", new { me = InviteTestKit.Me, messages = new[] { InviteTestKit.Thread()[0], message } });

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task ADisplayNameWithLineBreaksAndTabsNeverReachesFactsOrTheGreeting()
    {
        using var client = factory.CreateClient();
        var hostile = "Dana\r\nBcc: everyone@contoso.example\tSmith";
        var messages = InviteTestKit.Thread().Select(m => m.From?.EmailAddress?.Address == InviteTestKit.Dana
            ? m with { From = GraphRecipient.Of(InviteTestKit.Dana, hostile) }
            : m with { ToRecipients = [GraphRecipient.Of(InviteTestKit.Dana, hostile)] }).ToArray();

        using var response = await client.PostAsJsonAsync("/api/drafts", new { me = InviteTestKit.Me, messages, kind = "worried-check-in" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
        var facts = draft.GetProperty("facts");
        foreach (var text in new[] { facts.GetProperty("contactName").GetString(), facts.GetProperty("contactFirstName").GetString(), draft.GetProperty("to")[0].GetProperty("name").GetString() })
        {
            Assert.NotNull(text);
            Assert.DoesNotContain('\n', text);
            Assert.DoesNotContain('\r', text);
            Assert.DoesNotContain('\t', text);
        }

        var greeting = draft.GetProperty("bodyText").GetString()!.Split('\n')[0];
        Assert.StartsWith("Hi Dana", greeting);
        Assert.DoesNotContain("Bcc", greeting);
    }

    [Fact]
    public async Task AFiscalQuarterInABodyIsAnsweredNotAServerError()
    {
        using var client = factory.CreateClient();
        var messages = InviteTestKit.Thread().Select(m => m with { Body = new GraphItemBody { ContentType = "text", Content = "We plan the rollout for Q3 FY26, then Q4 FY2026 and FY27." } }).ToArray();

        using var analysis = await client.PostAsJsonAsync("/api/analysis", new { me = InviteTestKit.Me, messages });
        using var draft = await client.PostAsJsonAsync("/api/drafts", new { me = InviteTestKit.Me, messages, kind = "action-consequence" });

        Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
    }

    internal static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {(text.Length > 600 ? text[..600] : text)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        return problem;
    }

    private static async Task<string> CreateTemplateAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsJsonAsync("/api/templates", new { name = $"Hostile {Guid.NewGuid():N}", kind = "worried-check-in", subject = "Checking in", body, tags = Array.Empty<string>() });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>The API as nginx reaches it in scripts/scale.sh: from 127.0.0.1, with X-Forwarded-For naming the caller.</summary>
    internal static GhostAssistFactory BehindLoopbackProxy(IDictionary<string, string?> settings) =>
        GhostAssistFactory.Create(settings, services => services.AddSingleton<IStartupFilter, LoopbackPeer>());

    internal static HttpClient Caller(GhostAssistFactory factory, string address)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private sealed class LoopbackPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class BrokenMailbox : IMailboxSource
    {
        public string Kind => "demo";

        public Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("broken for the test");

        public Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken) => throw new InvalidOperationException("broken for the test");

        public Task<string> GetMeAsync(CancellationToken cancellationToken) => Task.FromResult(InviteTestKit.Me);
    }
}
