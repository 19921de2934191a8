using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;

// Not "...Tests.Mail": that namespace would hide GhostAssist.Api.Mail from the other test folders.
namespace GhostAssist.Api.Tests.Messages;

/// <summary>Graph's GET /me/messages/{id}: a message's conversationId, or Graph's ErrorItemNotFound.</summary>
public sealed class GraphMessagesFixture : FakeMicrosoftFixture
{
    public ConcurrentDictionary<string, string> ConversationOf { get; } = new(StringComparer.Ordinal);

    protected override void MapGraph(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1.0/me/messages/{id}", (string id, HttpContext context) =>
        {
            // Kestrel leaves %2F encoded in a route value, as it does for the API.
            id = Uri.UnescapeDataString(id);
            if (!ConversationOf.TryGetValue(id, out var conversationId))
            {
                return Results.Json(new { error = new { code = "ErrorItemNotFound", message = "The specified object was not found in the store." } }, statusCode: 404);
            }

            var select = context.Request.Query["$select"].ToString().Split(',');
            var message = new Dictionary<string, object?>
            {
                ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users('id')/messages(conversationId)/$entity",
                ["@odata.etag"] = "W/\"CQAAABYAAAA\"",
                ["id"] = id,
            };
            if (select.Contains("conversationId"))
            {
                message["conversationId"] = conversationId;
            }

            return Results.Json(message);
        });
    }
}

public sealed class GraphMessagesTests(GraphMessagesFixture graph) : IClassFixture<GraphMessagesFixture>
{
    [Fact]
    public async Task OutlookRestIdWithSlashesGivesGraphsConversationId()
    {
        const string restId = "AAMkADAwATM3ZmYAZS1hOWM4/LTAwAi0wMAoARgAA+BwBxyz=";
        const string conversationId = "AAQkADAwATM3ZmYAZS1hOWM4LTAwAi0wMAoAEABmYWJyaWthbQ==";
        graph.ConversationOf[restId] = conversationId;
        using var client = graph.ClientWith(graph.Microsoft.MintToken());

        using var response = await client.GetAsync($"/api/messages/{Uri.EscapeDataString(restId)}/conversation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(conversationId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString());
        var read = Assert.Single(graph.Microsoft.GraphRequests, r => Uri.UnescapeDataString(r.Path).Contains(restId, StringComparison.Ordinal));
        Assert.Equal("conversationId", System.Web.HttpUtility.ParseQueryString(read.Query)["$select"]);
        Assert.StartsWith("Bearer graph-obo-", read.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageGraphDoesNotKnowIsANotFoundProblem()
    {
        using var client = graph.ClientWith(graph.Microsoft.MintToken());

        using var response = await client.GetAsync("/api/messages/AAMkAGone%2Fmoved%3D/conversation");

        await AssertProblem(response, HttpStatusCode.NotFound, "no such message");
    }

    [Fact]
    public async Task OverlongMessageIdIsABadRequestWithoutCallingGraph()
    {
        using var client = graph.ClientWith(graph.Microsoft.MintToken());
        var before = graph.Microsoft.GraphRequests.Count;

        using var response = await client.GetAsync($"/api/messages/{new string('A', 1100)}/conversation");

        await AssertProblem(response, HttpStatusCode.BadRequest, "1 to 1024 characters");
        Assert.Equal(before, graph.Microsoft.GraphRequests.Count);
    }

    [Fact]
    public async Task WithoutATokenTheLookupIsUnauthorized()
    {
        using var client = graph.Api.CreateClient();

        using var response = await client.GetAsync("/api/messages/AAMkAGI2/conversation");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
