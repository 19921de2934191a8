using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;

// Not "...Tests.Mail": that namespace would hide GhostAssist.Api.Mail from the other test folders.
namespace GhostAssist.Api.Tests.Messages;

/// <summary>GET /api/messages/{id}/conversation on the demo mailbox.</summary>
public sealed class MessagesApiTests(GhostAssistFactory factory) : IClassFixture<GhostAssistFactory>
{
    [Fact]
    public async Task DemoMessageIdGivesItsThreadsConversationId()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/messages/demo-harrowgate-proposal-m02/conversation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("demo-harrowgate-proposal", body.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task TheConversationFoundOpensAsAThreadAnalysis()
    {
        using var client = factory.CreateClient();
        var found = await client.GetFromJsonAsync<JsonElement>("/api/messages/demo-brightwater-sso-m01/conversation");

        using var analysis = await client.GetAsync($"/api/threads/{Uri.EscapeDataString(found.GetProperty("conversationId").GetString()!)}/analysis");

        Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
        Assert.Contains((await analysis.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").EnumerateArray(),
            m => m.GetProperty("id").GetString() == "demo-brightwater-sso-m01");
    }

    [Fact]
    public async Task UnknownDemoMessageIsANotFoundProblem()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/messages/AAMkAGI2TG93AAA%3D/conversation");

        await AssertProblem(response, HttpStatusCode.NotFound, "no such message");
    }

    [Fact]
    public async Task AConversationIdIsNotAMessageId()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/messages/demo-harrowgate-proposal/conversation");

        await AssertProblem(response, HttpStatusCode.NotFound, "no such message");
    }
}
