using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;

namespace GhostAssist.Api.Tests.Graph;

/// <summary>The pane's call, whole: bearer token → JwtBearer → on-behalf-of → Graph → analysis.</summary>
public sealed class GraphAnalysisEndToEndTests : IClassFixture<GraphFixture>
{
    private readonly GraphFixture _graph;

    public GraphAnalysisEndToEndTests(GraphFixture graph)
    {
        _graph = graph;
        _graph.Intercept = null;
    }

    [Fact]
    public async Task AnalysisOfAMailboxThreadReadsGraphOnTheUsersBehalf()
    {
        _graph.AddConversation("conv-e2e", 5, DateTimeOffset.UtcNow.AddDays(-9), lastFromMe: true);
        var userToken = _graph.Microsoft.MintToken(userId: Guid.NewGuid().ToString());
        using var client = _graph.ClientWith(userToken);

        using var response = await client.GetAsync("/api/threads/conv-e2e/analysis");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var analysis = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("conv-e2e", analysis.GetProperty("conversationId").GetString());
        Assert.Equal(FakeMicrosoft.UserEmail, analysis.GetProperty("me").GetString());
        Assert.True(analysis.GetProperty("awaitingThem").GetBoolean());
        var messages = analysis.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(5, messages.Count);
        Assert.StartsWith("Message 0.", messages[0].GetProperty("newText").GetString(), StringComparison.Ordinal);
        Assert.True(messages[^1].GetProperty("fromUs").GetBoolean());

        var read = Assert.Single(_graph.Microsoft.GraphRequests, r => Uri.UnescapeDataString(r.Query).Contains("conv-e2e", StringComparison.Ordinal));
        Assert.StartsWith("Bearer graph-obo-", read.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("uniqueBody", System.Web.HttpUtility.ParseQueryString(read.Query)["$select"], StringComparison.Ordinal);
        Assert.Equal("outlook.body-content-type=\"text\"", read.Headers["Prefer"]);
        Assert.DoesNotContain(userToken, _graph.Api.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(GraphFixture.Secret, _graph.Api.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutlookConversationIdWithSlashesAndPlusesIsFoundWhenUrlEncoded()
    {
        const string id = "AAQkADAwATM3ZmYAZS1hOWM4/LTAwAi0wMAoAEAB+c9=";
        _graph.AddConversation(id, 3, DateTimeOffset.UtcNow.AddDays(-4), lastFromMe: true);
        using var client = _graph.ClientWith(_graph.Microsoft.MintToken());

        using var response = await client.GetAsync($"/api/threads/{Uri.EscapeDataString(id)}/analysis");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task AConversationGraphDoesNotHaveIsANotFoundProblem()
    {
        using var client = _graph.ClientWith(_graph.Microsoft.MintToken());

        using var response = await client.GetAsync("/api/threads/conv-that-does-not-exist/analysis");

        await AssertProblem(response, HttpStatusCode.NotFound, "conversation");
    }

    [Fact]
    public async Task GraphRefusingTheMailboxIsAForbiddenProblem()
    {
        _graph.Intercept = _ => Results.Json(new { error = new { code = "ErrorAccessDenied", message = "Access is denied." } }, statusCode: 403);
        using var client = _graph.ClientWith(_graph.Microsoft.MintToken());

        using var response = await client.GetAsync("/api/threads/conv-e2e/analysis");

        await AssertProblem(response, HttpStatusCode.Forbidden, "Mail.ReadWrite");
    }

    [Fact]
    public async Task AnalysisWithoutATokenIsAskedToSignIn()
    {
        using var client = _graph.Api.CreateClient();

        using var response = await client.GetAsync("/api/threads/conv-e2e/analysis");

        await AssertProblem(response, HttpStatusCode.Unauthorized, "access token");
        Assert.DoesNotContain(_graph.Microsoft.GraphRequests, r => r.Headers.ContainsKey("Authorization") && !r.Headers["Authorization"].StartsWith("Bearer graph-obo-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADraftSavedToOutlookIsAReplyAllDraftWithItsWebLink()
    {
        _graph.AddConversation("conv-draft-e2e", 4, DateTimeOffset.UtcNow.AddDays(-8), lastFromMe: true);
        using var client = _graph.ClientWith(_graph.Microsoft.MintToken());

        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-draft-e2e", kind = "worried-check-in", saveToOutlook = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("draft-conv-draft-e2e-m003", draft.GetProperty("outlookMessageId").GetString());
        Assert.StartsWith("https://outlook.office365.com/owa/?ItemID=draft-conv-draft-e2e-m003", draft.GetProperty("webLink").GetString(), StringComparison.Ordinal);
        Assert.Contains(_graph.Microsoft.GraphRequests, r => r.Method == "POST" && r.Path == "/v1.0/me/messages/conv-draft-e2e-m003/createReplyAll"
            && r.Headers["Authorization"].StartsWith("Bearer graph-obo-", StringComparison.Ordinal));
        var patch = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "PATCH" && r.Path == "/v1.0/me/messages/draft-conv-draft-e2e-m003");
        var content = JsonDocument.Parse(patch.Body).RootElement.GetProperty("body").GetProperty("content").GetString()!;
        Assert.Contains(draft.GetProperty("bodyHtml").GetString()!, content, StringComparison.Ordinal);
        Assert.True(content.IndexOf(draft.GetProperty("bodyHtml").GetString()!, StringComparison.Ordinal) < content.IndexOf("divRplyFwdMsg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveToDraftsSavesTheTextTheUserEditedNotANewDraft()
    {
        _graph.AddConversation("conv-edited-e2e", 3, DateTimeOffset.UtcNow.AddDays(-6), lastFromMe: true);
        using var client = _graph.ClientWith(_graph.Microsoft.MintToken());
        const string edited = "Hi Jo,\n\nI rewrote this line myself & kept <the> ask.\n\nCould you reply by Friday?\n\nAlex";

        using var response = await client.PostAsJsonAsync("/api/drafts/outlook", new { conversationId = "conv-edited-e2e", subject = "My own subject", bodyText = edited });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("draft-conv-edited-e2e-m002", saved.GetProperty("outlookMessageId").GetString());
        var patch = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "PATCH" && r.Path == "/v1.0/me/messages/draft-conv-edited-e2e-m002");
        var body = JsonDocument.Parse(patch.Body).RootElement;
        var content = body.GetProperty("body").GetProperty("content").GetString()!;
        Assert.Contains("I rewrote this line myself &amp; kept &lt;the&gt; ask.", content, StringComparison.Ordinal);
        Assert.Equal("My own subject", body.GetProperty("subject").GetString());
    }
}
