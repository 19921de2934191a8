using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Drafting;

/// <summary>POST /api/drafts/stream: server-sent events while a model writes, then the whole draft and its coach.</summary>
public sealed class DraftStreamTests
{
    private const string Body = """
        Hi Sam,

        You asked for the proposal and pricing so you can decide this month. If you confirm by Thursday 3 December, your team keeps the move before January on track. If it waits, the time you need for the move gets tight.

        Could you confirm by Thursday 3 December if you want to go ahead? Is there anything you need from me to make it easy?

        Best wishes,
        Alex
        """;

    private static GhostAssistFactory App(LoopbackServer model) => DraftingFactory.Create(new Dictionary<string, string?>
    {
        ["AzureOpenAI:Endpoint"] = model.BaseAddress.ToString(),
        ["AzureOpenAI:ApiKey"] = "stream-key",
        ["AzureOpenAI:Deployment"] = ChatModelServer.Deployment,
    });

    private sealed record Event(string Name, JsonElement Data);

    private static async Task<List<Event>> Stream(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/api/drafts/stream", request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<Event>();
        foreach (var block in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var name = lines.FirstOrDefault(l => l.StartsWith("event:", StringComparison.Ordinal))?["event:".Length..].Trim() ?? "message";
            var data = string.Join('\n', lines.Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].TrimStart()));
            events.Add(new Event(name, JsonDocument.Parse(data).RootElement.Clone()));
        }

        return events;
    }

    [Fact]
    public async Task WithAModelTheDraftArrivesAsItIsWrittenThenWholeWithItsCoach()
    {
        await using var model = await ChatModelServer.Answering(ChatModelServer.Answer("Your decision by Thursday", Body));
        await using var app = App(model);
        using var client = app.CreateClient();

        var events = await Stream(client, new { conversationId = "conv-prospect", kind = "action-consequence" });

        var deltas = events.Where(e => e.Name == "delta").ToList();
        Assert.True(deltas.Count > 10, $"{deltas.Count} delta events");
        Assert.Equal("Your decision by Thursday", deltas[0].Data.GetProperty("subject").GetString());
        var written = string.Concat(deltas.Select(d => d.Data.GetProperty("text").GetString()));
        Assert.Equal(Body.Replace("\r\n", "\n"), written);

        var last = events[^1];
        Assert.Equal("draft", last.Name);
        var draft = last.Data.GetProperty("draft");
        Assert.Equal("azure-openai", draft.GetProperty("provider").GetString());
        Assert.Equal(written, draft.GetProperty("bodyText").GetString());
        Assert.InRange(draft.GetProperty("coach").GetProperty("score").GetInt32(), 1, 100);
        using var request = JsonDocument.Parse(Assert.Single(model.Requests).Body);
        Assert.True(request.RootElement.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task TheBuiltInComposerAnswersTheStreamAtOnceWithTheWholeDraft()
    {
        await using var app = new DraftingFactory();
        using var client = app.CreateClient();

        var events = await Stream(client, new { conversationId = "conv-prospect", kind = "urgency-test" });

        var only = Assert.Single(events);
        Assert.Equal("draft", only.Name);
        Assert.Equal("builtin", only.Data.GetProperty("draft").GetProperty("provider").GetString());
        Assert.StartsWith("Hi Sam,", only.Data.GetProperty("draft").GetProperty("bodyText").GetString());
    }

    [Fact]
    public async Task APlayThatDoesNotFitIsAProblemBeforeAnythingStreams()
    {
        await using var app = new DraftingFactory();
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/drafts/stream", new { conversationId = "conv-single", kind = "multi-thread" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("second stakeholder", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARefusalReachesThePaneAsProblemJsonWhenItAsksForEventsOrAProblem()
    {
        await using var app = new DraftingFactory();
        using var client = app.CreateClient();
        // What the pane sends: it reads the events, or the problem of a refusal. With text/event-stream
        // alone, the problem writer finds no type it may write and the 422 comes back without a body.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/drafts/stream") { Content = JsonContent.Create(new { conversationId = "conv-single", kind = "multi-thread" }) };
        request.Headers.Accept.ParseAdd("text/event-stream, application/problem+json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("second stakeholder", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASteeredModelStopsStreamingAtTheLinkAndTheBuiltInDraftReplacesIt()
    {
        var steered = Body.Replace("If it waits,", "Sign here first: http://attacker.example/login and then your team is safe. If it waits,");
        await using var model = await ChatModelServer.Answering(ChatModelServer.Answer("Your decision by Thursday", steered));
        await using var app = App(model);
        using var client = app.CreateClient();

        var events = await Stream(client, new { conversationId = "conv-prospect", kind = "action-consequence" });

        var written = string.Concat(events.Where(e => e.Name == "delta").Select(d => d.Data.GetProperty("text").GetString()));
        Assert.StartsWith("Hi Sam,", written);
        Assert.DoesNotContain("attacker", written);
        var draft = events[^1].Data.GetProperty("draft");
        Assert.Equal("builtin", draft.GetProperty("provider").GetString());
        Assert.Contains("a link or address", draft.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task TheStreamIsDocumentedInTheOpenApiDocument()
    {
        await using var app = new DraftingFactory();
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/swagger/v1/swagger.json");

        using var json = JsonDocument.Parse(document);
        var stream = json.RootElement.GetProperty("paths").GetProperty("/api/drafts/stream").GetProperty("post");
        Assert.True(stream.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/drafts/outlook", out _));
    }
}
