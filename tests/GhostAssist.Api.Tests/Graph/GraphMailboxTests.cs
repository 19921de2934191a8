using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;

namespace GhostAssist.Api.Tests.Graph;

public sealed class GraphMailboxTests : IClassFixture<GraphFixture>
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-6);
    private readonly GraphFixture _graph;

    public GraphMailboxTests(GraphFixture graph)
    {
        _graph = graph;
        _graph.Intercept = null;
    }

    private FakeMicrosoft Microsoft => _graph.Microsoft;

    private static Task<MailThread?> ReadThreadAsync(GhostAssistFactory api, string token, string conversationId) =>
        GraphFixture.AsUserAsync(api, token, services => services.GetRequiredService<IMailboxSource>().GetThreadAsync(conversationId, CancellationToken.None));

    [Fact]
    public async Task ThreadIsReadFromGraphWithTheOnBehalfOfTokenNotTheUsersOwn()
    {
        _graph.AddConversation("conv-obo", 3, Start);
        var userToken = Microsoft.MintToken(userId: Guid.NewGuid().ToString());

        var thread = await ReadThreadAsync(_graph.Api, userToken, "conv-obo");

        Assert.NotNull(thread);
        Assert.Equal(FakeMicrosoft.UserEmail, thread.Me);
        var exchange = Assert.Single(Microsoft.TokenRequests, r => r.Body.Contains(Uri.EscapeDataString(userToken), StringComparison.Ordinal));
        Assert.Contains("requested_token_use=on_behalf_of", exchange.Body, StringComparison.Ordinal);
        Assert.Contains("Mail.ReadWrite", Uri.UnescapeDataString(exchange.Body), StringComparison.Ordinal);
        var read = Microsoft.GraphRequests.Last(r => r.Path == "/v1.0/me/messages" && Uri.UnescapeDataString(r.Query).Contains("conv-obo", StringComparison.Ordinal));
        var bearer = read.Headers["Authorization"];
        Assert.StartsWith("Bearer graph-obo-", bearer, StringComparison.Ordinal);
        Assert.DoesNotContain(userToken, bearer, StringComparison.Ordinal);
        Assert.Contains(bearer["Bearer ".Length..], Microsoft.IssuedOboTokens);
    }

    [Fact]
    public async Task ThreadRequestSelectsUniqueBodyAsksForTextAndReadsFiftyPerCall()
    {
        _graph.AddConversation("conv-select", 4, Start);

        var thread = await ReadThreadAsync(_graph.Api, Microsoft.MintToken(), "conv-select");

        var read = Assert.Single(Microsoft.GraphRequests, r => Uri.UnescapeDataString(r.Query).Contains("conv-select", StringComparison.Ordinal));
        var query = System.Web.HttpUtility.ParseQueryString(read.Query);
        var select = query["$select"]!.Split(',');
        Assert.Contains("uniqueBody", select);
        Assert.Contains("body", select);
        Assert.Contains("conversationId", select);
        Assert.Contains("internetMessageHeaders", select);
        Assert.Equal("conversationId eq 'conv-select'", query["$filter"]);
        Assert.Null(query["$orderby"]);
        Assert.Equal("50", query["$top"]);
        Assert.Equal("outlook.body-content-type=\"text\"", read.Headers["Prefer"]);
        Assert.Equal(4, thread!.Messages.Count);
        Assert.Equal("text", thread.Messages[0].UniqueBody!.ContentType);
        Assert.StartsWith("Message 0.", thread.Messages[0].UniqueBody!.Content, StringComparison.Ordinal);
        Assert.Equal(FakeMicrosoft.UserEmail, thread.Messages[0].From!.EmailAddress!.Address);
        Assert.Equal("Message-ID", Assert.Single(thread.Messages[0].InternetMessageHeaders!).Name);
    }

    [Fact]
    public async Task LongThreadFollowsPagingAndComesBackOldestFirst()
    {
        _graph.AddConversation("conv-long", 120, Start);

        var thread = await ReadThreadAsync(_graph.Api, Microsoft.MintToken(), "conv-long");

        Assert.Equal(120, thread!.Messages.Count);
        Assert.Equal(thread.Messages.OrderBy(m => m.SentDateTime).Select(m => m.Id), thread.Messages.Select(m => m.Id));
        var reads = Microsoft.GraphRequests.Where(r => Uri.UnescapeDataString(r.Query).Contains("conv-long", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, reads.Count);
        Assert.All(reads, r => Assert.Equal("outlook.body-content-type=\"text\"", r.Headers["Prefer"]));
        Assert.Equal("100", System.Web.HttpUtility.ParseQueryString(reads[2].Query)["$skip"]);
    }

    [Fact]
    public async Task PagingStopsAtTheConfiguredCap()
    {
        _graph.AddConversation("conv-capped", 130, Start);
        await using var api = _graph.CreateApi(new Dictionary<string, string?> { ["Graph:MaxThreadMessages"] = "60" });

        var thread = await ReadThreadAsync(api, Microsoft.MintToken(), "conv-capped");

        Assert.Equal(60, thread!.Messages.Count);
        Assert.Equal(2, Microsoft.GraphRequests.Count(r => Uri.UnescapeDataString(r.Query).Contains("conv-capped", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConversationIdWithAQuoteIsEscapedAsAnODataLiteral()
    {
        _graph.AddConversation("AAQkAD'x+/=", 2, Start);

        var thread = await ReadThreadAsync(_graph.Api, Microsoft.MintToken(), "AAQkAD'x+/=");

        Assert.Equal(2, thread!.Messages.Count);
        var read = Microsoft.GraphRequests.Last(r => r.Path == "/v1.0/me/messages");
        Assert.Equal("conversationId eq 'AAQkAD''x+/='", System.Web.HttpUtility.ParseQueryString(read.Query)["$filter"]);
    }

    [Fact]
    public async Task UnknownConversationIsNoThread()
    {
        Assert.Null(await ReadThreadAsync(_graph.Api, Microsoft.MintToken(), "conv-nobody-knows"));
    }

    [Fact]
    public async Task SecondReadOfTheSameUserReusesTheCachedGraphToken()
    {
        _graph.AddConversation("conv-cache", 2, Start);
        var token = Microsoft.MintToken(userId: Guid.NewGuid().ToString());

        await ReadThreadAsync(_graph.Api, token, "conv-cache");
        await ReadThreadAsync(_graph.Api, token, "conv-cache");

        Assert.Single(Microsoft.TokenRequests, r => r.Body.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoApiInstancesShareTheGraphTokenThroughRedisEncrypted()
    {
        _graph.AddConversation("conv-shared", 2, Start);
        var redis = new Dictionary<string, string?> { ["Redis:Configuration"] = TestRedis.Configuration };
        await using var first = _graph.CreateApi(redis);
        await using var second = _graph.CreateApi(redis);
        var token = Microsoft.MintToken(userId: Guid.NewGuid().ToString());

        var one = await ReadThreadAsync(first, token, "conv-shared");
        var two = await ReadThreadAsync(second, token, "conv-shared");

        Assert.Equal(2, one!.Messages.Count);
        Assert.Equal(2, two!.Messages.Count);
        Assert.Single(Microsoft.TokenRequests, r => r.Body.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal));
        var bearers = Microsoft.GraphRequests.Where(r => Uri.UnescapeDataString(r.Query).Contains("conv-shared", StringComparison.Ordinal)).Select(r => r.Headers["Authorization"]).Distinct().ToList();
        var bearer = Assert.Single(bearers)["Bearer ".Length..];
        // At rest in Redis the cache entries are encrypted: neither token appears in any value.
        using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestRedis.Configuration);
        var server = connection.GetServers().Single();
        var database = connection.GetDatabase();
        var keys = server.Keys(pattern: "ghostassist:*").ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var raw = await database.KeyTypeAsync(key) switch
            {
                StackExchange.Redis.RedisType.Hash => string.Join("\n", (await database.HashGetAllAsync(key)).Select(e => e.Value.ToString())),
                StackExchange.Redis.RedisType.List => string.Join("\n", (await database.ListRangeAsync(key)).Select(v => v.ToString())),
                _ => (await database.StringGetAsync(key)).ToString(),
            };
            Assert.DoesNotContain(bearer, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WhenRedisStopsTheGraphTokenComesFromMemoryAndTheOutageIsCounted()
    {
        _graph.AddConversation("conv-redis-stops", 2, Start);
        // The suite's Redis behind a relay this test can cut, as when Redis stops under a running instance.
        var options = StackExchange.Redis.ConfigurationOptions.Parse(TestRedis.Configuration);
        await using var relay = new TcpRelay(options.EndPoints.Single());
        options.EndPoints.Clear();
        options.EndPoints.Add(System.Net.IPAddress.Loopback, relay.Port);
        await using var api = _graph.CreateApi(new Dictionary<string, string?> { ["Redis:Configuration"] = options.ToString(includePassword: true) });
        using var failures = new CountedMetric("ghostassist.shared_cache.failures", "ghostassist.cache", "tokens");
        var token = Microsoft.MintToken(userId: Guid.NewGuid().ToString());

        var before = await ReadThreadAsync(api, token, "conv-redis-stops");
        Assert.Equal(0, failures.Total);
        relay.Cut();
        var during = await ReadThreadAsync(api, token, "conv-redis-stops");

        Assert.Equal(2, before!.Messages.Count);
        Assert.Equal(2, during!.Messages.Count);
        // The token came from the instance's memory: Entra ID was asked once, and the failed Redis call was counted.
        Assert.Single(Microsoft.TokenRequests, r => r.Body.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal));
        Assert.True(failures.Total >= 1, $"{failures.Total} token cache failures counted");
    }

    [Fact]
    public async Task ThrottledGraphCallIsRetriedAfterRetryAfterAndSucceeds()
    {
        _graph.AddConversation("conv-throttled-once", 2, Start);
        _graph.Intercept = context =>
        {
            if (!Uri.UnescapeDataString(context.Request.QueryString.Value ?? "").Contains("conv-throttled-once", StringComparison.Ordinal)
                || _graph.Counters.AddOrUpdate("throttled-once", 1, (_, n) => n + 1) > 1)
            {
                return null;
            }

            context.Response.Headers.RetryAfter = "1";
            return Results.Json(new { error = new { code = "TooManyRequests", message = "Application is over its MailboxConcurrency limit." } }, statusCode: 429);
        };

        var thread = await ReadThreadAsync(_graph.Api, Microsoft.MintToken(), "conv-throttled-once");

        Assert.Equal(2, thread!.Messages.Count);
        var reads = Microsoft.GraphRequests.Where(r => Uri.UnescapeDataString(r.Query).Contains("conv-throttled-once", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reads.Count);
        Assert.Equal("1", reads[1].Headers["Retry-Attempt"]);
    }

    [Fact]
    public async Task GraphThrottlingThatOutlastsTheRetriesIsA503WithRetryAfter()
    {
        _graph.Intercept = context =>
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.Json(new { error = new { code = "TooManyRequests", message = "Too many requests." } }, statusCode: 429);
        };
        using var client = _graph.ClientWith(Microsoft.MintToken());
        var before = Microsoft.GraphRequests.Count;

        using var response = await client.GetAsync("/api/threads");

        await AssertProblem(response, HttpStatusCode.ServiceUnavailable, "Retry after 1 seconds");
        Assert.Equal("1", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        // Three parallel calls (me, sent, received), each tried once and retried twice.
        Assert.True(Microsoft.GraphRequests.Count - before >= 3, "Graph was retried");
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheApiWaitsIsPassedOnAtOnce()
    {
        _graph.Intercept = context =>
        {
            context.Response.Headers.RetryAfter = "120";
            return Results.Json(new { error = new { code = "ServiceUnavailable", message = "Down for maintenance." } }, statusCode: 503);
        };
        using var client = _graph.ClientWith(Microsoft.MintToken());

        using var response = await client.GetAsync("/api/threads");

        var problem = await AssertProblem(response, HttpStatusCode.ServiceUnavailable, "Retry after 120 seconds");
        Assert.Equal(TimeSpan.FromSeconds(120), response.Headers.RetryAfter?.Delta);
        Assert.Equal(120, problem.GetProperty("retryAfterSeconds").GetInt32());
    }

    [Fact]
    public async Task GraphForbiddenIsAForbiddenProblemThatSaysWhy()
    {
        _graph.Intercept = _ => Results.Json(new { error = new { code = "ErrorAccessDenied", message = "Access is denied. Check credentials and try again." } }, statusCode: 403);
        using var client = _graph.ClientWith(Microsoft.MintToken());

        using var response = await client.GetAsync("/api/threads");

        var problem = await AssertProblem(response, HttpStatusCode.Forbidden, "permission");
        Assert.Equal("ErrorAccessDenied", problem.GetProperty("graphError").GetString());
    }

    [Fact]
    public async Task ConsentOrMfaNeededIsA401WithTheClaimsChallenge()
    {
        const string claims = "{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"c1\"]}}}";
        Microsoft.TokenEndpointOverride = _ => (400, JsonSerializer.Serialize(new
        {
            error = "interaction_required",
            error_description = "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.",
            error_codes = new[] { 50076 },
            suberror = "basic_action",
            claims,
        }));
        try
        {
            using var client = _graph.ClientWith(Microsoft.MintToken(userId: Guid.NewGuid().ToString()));

            using var response = await client.GetAsync("/api/threads");

            var problem = await AssertProblem(response, HttpStatusCode.Unauthorized, "sign in again");
            Assert.Equal(claims, problem.GetProperty("claims").GetString());
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.Contains("error=\"insufficient_claims\"", challenge.Parameter, StringComparison.Ordinal);
            Assert.Contains($"claims=\"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(claims))}\"", challenge.Parameter, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.TokenEndpointOverride = null;
        }
    }

    [Fact]
    public async Task RadarListsOnlyThreadsWhereTheUserWroteLast()
    {
        await using var api = _graph.CreateApi();
        _graph.AddConversation("radar-waiting", 3, DateTimeOffset.UtcNow.AddDays(-3), lastFromMe: true);
        _graph.AddConversation("radar-answered", 4, DateTimeOffset.UtcNow.AddDays(-2), lastFromMe: false);
        using var client = _graph.ClientWith(Microsoft.MintToken(), api);
        var before = Microsoft.GraphRequests.Count;

        using var response = await client.GetAsync("/api/threads");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(t => t.GetProperty("conversationId").GetString()).ToList();
        Assert.Contains("radar-waiting", ids);
        Assert.DoesNotContain("radar-answered", ids);
        var calls = Microsoft.GraphRequests.Skip(before).ToList();
        Assert.Contains(calls, r => r.Path == "/v1.0/me/mailFolders/sentitems/messages");
        Assert.True(calls.Count <= 8, $"The radar took {calls.Count} Graph calls");
    }

    [Fact]
    public async Task DraftIsSavedAsReplyAllWithOurTextAboveTheQuotedHistory()
    {
        _graph.AddConversation("conv-draft", 2, Start);

        var saved = await GraphFixture.AsUserAsync(_graph.Api, Microsoft.MintToken(), services =>
            services.GetRequiredService<IOutlookDraftSaver>().SaveReplyAllDraftAsync("conv-draft-m001", "", "<p>Hi Jordan, one question.</p>", CancellationToken.None));

        Assert.Equal("draft-conv-draft-m001", saved.MessageId);
        Assert.StartsWith("https://outlook.office365.com/owa/?ItemID=draft-conv-draft-m001", saved.WebLink, StringComparison.Ordinal);
        Assert.Contains(Microsoft.GraphRequests, r => r.Method == "POST" && r.Path == "/v1.0/me/messages/conv-draft-m001/createReplyAll");
        var patch = Assert.Single(Microsoft.GraphRequests, r => r.Method == "PATCH" && r.Path == "/v1.0/me/messages/draft-conv-draft-m001");
        var body = JsonDocument.Parse(patch.Body).RootElement.GetProperty("body");
        Assert.Equal("html", body.GetProperty("contentType").GetString());
        var html = body.GetProperty("content").GetString()!;
        Assert.True(html.IndexOf("one question", StringComparison.Ordinal) < html.IndexOf("divRplyFwdMsg", StringComparison.Ordinal));
        Assert.StartsWith("<html><head></head><body><p>Hi Jordan", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftForAMessageGraphDoesNotKnowIsNotFound()
    {
        var error = await Assert.ThrowsAsync<ApiProblemException>(() => GraphFixture.AsUserAsync(_graph.Api, Microsoft.MintToken(), services =>
            services.GetRequiredService<IOutlookDraftSaver>().SaveReplyAllDraftAsync("no-such-message", "", "<p>Hi</p>", CancellationToken.None)));

        Assert.Equal(StatusCodes.Status404NotFound, error.Status);
        Assert.Equal("ErrorItemNotFound", error.Extensions["graphError"]);
    }

    [Fact]
    public async Task LogsHoldNoTokenAddressOrMailText()
    {
        await using var api = _graph.CreateApi();
        _graph.AddConversation("conv-logs", 3, Start, lastFromMe: true);
        var token = Microsoft.MintToken(userId: Guid.NewGuid().ToString());
        using var client = _graph.ClientWith(token, api);

        using var radar = await client.GetAsync("/api/threads");
        await ReadThreadAsync(api, token, "conv-logs");
        _graph.Intercept = _ => Results.Json(new { error = new { code = "ErrorAccessDenied", message = "Access is denied." } }, statusCode: 403);
        using var refused = await client.GetAsync("/api/threads");

        Assert.Equal(HttpStatusCode.OK, radar.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var logs = api.Logs.All;
        Assert.Contains("Graph", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("graph-obo-", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeMicrosoft.ClientSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeMicrosoft.UserEmail, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(GraphFixture.Customer, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(GraphFixture.Secret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("conversationId eq", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANextLinkToAnotherHostNeverReceivesTheUsersGraphToken()
    {
        _graph.AddConversation("conv-elsewhere", 2, Start);
        var elsewhere = $"https://localhost:{Microsoft.Server.BaseAddress.Port}/v1.0/me/messages?%24skip=50";
        _graph.Intercept = context => Uri.UnescapeDataString(context.Request.QueryString.Value ?? "").Contains("conv-elsewhere", StringComparison.Ordinal)
            ? Results.Json(new Dictionary<string, object?> { ["value"] = Array.Empty<object>(), ["@odata.nextLink"] = elsewhere })
            : null;

        var error = await Assert.ThrowsAsync<ApiProblemException>(() => ReadThreadAsync(_graph.Api, Microsoft.MintToken(), "conv-elsewhere"));

        Assert.Equal(StatusCodes.Status502BadGateway, error.Status);
        Assert.Contains("does not trust", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Microsoft.GraphRequests, r => r.Headers.TryGetValue("Host", out var host) && host.StartsWith("localhost", StringComparison.Ordinal) && r.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task AMalformedIdGraphRejectsIsABadRequestProblemNotAServerError()
    {
        _graph.Intercept = context => context.Request.Method == "POST"
            ? Results.Json(new { error = new { code = "ErrorInvalidIdMalformed", message = "Id is malformed." } }, statusCode: 400)
            : null;

        var error = await Assert.ThrowsAsync<ApiProblemException>(() => GraphFixture.AsUserAsync(_graph.Api, Microsoft.MintToken(), services =>
            services.GetRequiredService<IOutlookDraftSaver>().SaveReplyAllDraftAsync("%%%", "", "<p>Hi</p>", CancellationToken.None)));

        Assert.Equal(StatusCodes.Status400BadRequest, error.Status);
        Assert.Contains("ErrorInvalidIdMalformed", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphsContinuousAccessChallengeReachesThePaneAsAClaimsChallenge()
    {
        const string graphClaims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1764000000\"}}}";
        _graph.Intercept = context =>
        {
            context.Response.Headers.WWWAuthenticate =
                $"Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(graphClaims))}\"";
            return Results.Json(new { error = new { code = "InvalidAuthenticationToken", message = "Continuous access evaluation resulted in challenge." } }, statusCode: 401);
        };
        Microsoft.TokenEndpointOverride = form => form.ContainsKey("claims")
            ? (400, JsonSerializer.Serialize(new { error = "interaction_required", error_description = "AADSTS50173: The provided grant has expired due to it being revoked.", error_codes = new[] { 50173 }, claims = graphClaims }))
            : null;
        try
        {
            using var client = _graph.ClientWith(Microsoft.MintToken(userId: Guid.NewGuid().ToString()));

            using var response = await client.GetAsync("/api/threads");

            var problem = await AssertProblem(response, HttpStatusCode.Unauthorized, "sign in again");
            Assert.Equal(graphClaims, problem.GetProperty("claims").GetString());
            Assert.Contains("error=\"insufficient_claims\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
            // The radar's parallel calls are each challenged; every retry asks Entra ID with Graph's claims.
            var withClaims = Microsoft.TokenRequests.Where(r => r.Body.Contains("claims=", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(withClaims);
            Assert.All(withClaims, r => Assert.Contains("nbf", Uri.UnescapeDataString(r.Body), StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.TokenEndpointOverride = null;
        }
    }

    [Fact]
    public async Task AThreadOfUpToFiftyMessagesIsOneGraphCallOnceTheUserIsKnown()
    {
        _graph.AddConversation("conv-one-call", 50, Start);
        var userId = Guid.NewGuid().ToString();
        await using var api = _graph.CreateApi();
        await GraphFixture.AsUserAsync(api, Microsoft.MintToken(userId: userId), services => services.GetRequiredService<IMailboxSource>().GetMeAsync(CancellationToken.None));
        var before = Microsoft.GraphRequests.Count;

        var thread = await ReadThreadAsync(api, Microsoft.MintToken(userId: userId), "conv-one-call");

        Assert.Equal(50, thread!.Messages.Count);
        Assert.Equal(FakeMicrosoft.UserEmail, thread.Me);
        Assert.Single(Microsoft.GraphRequests.Skip(before));
    }
}
