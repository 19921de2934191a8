using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GhostAssist.Api.Mail;
using static GhostAssist.Api.Tests.Analysis.TestThreads;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>Bad input gets a clear 4xx problem or a sound analysis with warnings: never a 500, never a hang.</summary>
public sealed class AnalysisBadInputTests(FixedClockFactory factory) : IClassFixture<FixedClockFactory>
{
    [Fact]
    public async Task MissingMeIsBadRequestProblem()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/analysis", new { messages = Ghosted() });
        await AssertProblem(response, HttpStatusCode.BadRequest, "\"me\" is required");
    }

    [Fact]
    public async Task MeThatIsNotAnAddressIsBadRequestProblem()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/analysis", new { me = "Alex Morgan", messages = Ghosted() });
        await AssertProblem(response, HttpStatusCode.BadRequest, "email address");
    }

    [Fact]
    public async Task MissingMessagesIsBadRequestProblem()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/analysis", new { me = Me });
        await AssertProblem(response, HttpStatusCode.BadRequest, "\"messages\" is required");
    }

    [Fact]
    public async Task NoMessagesIsUnprocessableProblem()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/analysis", Body([]));
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "no messages");
    }

    [Fact]
    public async Task FiveThousandMessagesAreRefusedWithTheLimitNamed()
    {
        using var client = factory.CreateClient();
        var many = Enumerable.Range(0, 5000).Select(i => new GraphMessage { Id = $"x{i}" });
        using var response = await client.PostAsJsonAsync("/api/analysis", Body(many));
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "at most 1,000");
        Assert.Equal(1000, problem.GetProperty("maxMessages").GetInt32());
    }

    [Fact]
    public async Task DuplicateIdsAreAnalysedOnceWithAWarning()
    {
        using var client = factory.CreateClient();
        var thread = Ghosted();
        thread.AddRange(Ghosted().Take(3));
        var analysis = await PostAnalysisAsync(client, thread);

        Assert.Equal(8, analysis.GetProperty("messages").GetArrayLength());
        Assert.Equal(4, analysis.GetProperty("unansweredChases").GetInt32());
        Assert.Contains(analysis.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("3 message(s) repeated an id"));
    }

    [Fact]
    public async Task MessagesDatedInTheFutureDoNotEndTheSilence()
    {
        using var client = factory.CreateClient();
        var thread = Ghosted();
        thread.Add(Text("future", Dana, Alex, "2027-03-01T09:00:00Z", "Sounds great, let's sign."));
        var analysis = await PostAnalysisAsync(client, thread);

        Assert.True(analysis.GetProperty("awaitingThem").GetBoolean());
        Assert.Equal(43, analysis.GetProperty("daysSilent").GetInt32());
        Assert.Contains(analysis.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("future"));
    }

    [Fact]
    public async Task MissingBodiesAndUnknownContentTypesStillGiveAnAnalysis()
    {
        using var client = factory.CreateClient();
        var analysis = await PostAnalysisAsync(client,
        [
            Text("b1", Alex, Dana, "2026-11-01T09:00:00Z", "ignored") with { Body = null },
            Text("b2", Alex, Dana, "2026-11-05T09:00:00Z", "ignored") with { Body = new GraphItemBody { ContentType = "application/x-unknown", Content = "Hi Dana,\nAny update?\n\n> old quoted line" } },
        ]);

        Assert.Equal("", analysis.GetProperty("messages")[0].GetProperty("newText").GetString());
        Assert.Equal("Hi Dana,\nAny update?", analysis.GetProperty("messages")[1].GetProperty("newText").GetString());
        Assert.Equal(19, analysis.GetProperty("daysSilent").GetInt32());
        Assert.Contains(analysis.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("no body"));
    }

    [Fact]
    public async Task MalformedHtmlIsReadAsWellAsItCanBe()
    {
        using var client = factory.CreateClient();
        var html = "<div>Thanks, <b>we are in<div><p>Let's talk Thursday <3 <a href='x>broken</a> &bogus; &amp; more<blockquote>old<blockquote>older</div><script>alert(1)";
        var analysis = await PostAnalysisAsync(client,
        [
            Text("h1", Dana, Alex, "2026-11-18T09:00:00Z", "") with { Body = new GraphItemBody { ContentType = "HTML", Content = html } },
        ]);

        var text = analysis.GetProperty("messages")[0].GetProperty("newText").GetString()!;
        Assert.StartsWith("Thanks, we are in", text);
        Assert.DoesNotContain("older", text);
        Assert.DoesNotContain("alert", text);
    }

    [Fact]
    public async Task DeeplyNestedQuotesAndUnclosedMarkupStayLinear()
    {
        using var client = factory.CreateClient();
        var html = "<p>Yes, go ahead.</p>" + string.Concat(Enumerable.Repeat("<blockquote><div>old line<br>", 40_000)) + "<a href='unclosed";
        var analysis = await PostAnalysisAsync(client,
        [
            Text("deep", Dana, Alex, "2026-11-18T09:00:00Z", "") with { Body = new GraphItemBody { ContentType = "html", Content = html } },
        ]);

        Assert.Equal("Yes, go ahead.", analysis.GetProperty("messages")[0].GetProperty("newText").GetString());
    }

    [Fact]
    public async Task AFiveMegabyteBodyIsCutWithAWarningNotAFailure()
    {
        using var client = factory.CreateClient();
        var huge = "Please confirm the order by Friday.\n\n" + new StringBuilder().Insert(0, "> quoted history line that goes on and on\n", 120_000);
        Assert.True(huge.Length > 5_000_000);
        var analysis = await PostAnalysisAsync(client, [Text("big", Alex, Dana, "2026-11-18T09:00:00Z", huge)]);

        Assert.Equal("Please confirm the order by Friday.", analysis.GetProperty("messages")[0].GetProperty("newText").GetString());
        Assert.Contains(analysis.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("only the beginning was read"));
    }

    [Fact]
    public async Task MalformedJsonIsBadRequestProblem()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("{\"me\":\"alex@contoso.com\",\"messages\":[{\"sentDateTime\":\"yesterday\"}]}", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/analysis", content);
        await AssertProblem(response, HttpStatusCode.BadRequest, "JSON");
    }

    [Fact]
    public async Task NullMessagesInTheListAreSkipped()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(
            JsonSerializer.Serialize(new { me = Me, messages = new object?[] { null, Ghosted()[0] } }, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/analysis", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
