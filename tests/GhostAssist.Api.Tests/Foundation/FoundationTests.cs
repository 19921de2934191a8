using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Foundation;

public sealed class FoundationTests(GhostAssistFactory factory) : IClassFixture<GhostAssistFactory>
{
    [Fact]
    public async Task HealthAnswersHealthy()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheApi()
    {
        using var client = factory.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));

        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString());
        Assert.Equal("GhostAssist API", json.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/me", out _), "the document lists /api/me");
        Assert.True(paths.TryGetProperty("/api/threads", out _), "the document lists /api/threads");
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MeSaysDemoUserAndEmbeddedDefaults()
    {
        using var client = factory.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/me"));

        var user = json.RootElement.GetProperty("user");
        Assert.Equal("Alex Morgan", user.GetProperty("name").GetString());
        Assert.Contains("TeamLead", user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var sources = json.RootElement.GetProperty("sources");
        Assert.Equal("demo", sources.GetProperty("auth").GetString());
        Assert.Equal("demo", sources.GetProperty("mailbox").GetString());
        Assert.Equal("builtin", sources.GetProperty("composer").GetString());
        Assert.Equal("ics", sources.GetProperty("invites").GetString());
        Assert.Equal("sqlite", sources.GetProperty("templates").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?thread=demo-harrowgate-proposal")]
    [InlineData("/threads/demo-harrowgate-proposal")]
    public async Task PagePathsServeThePane(string path)
    {
        Assert.True(File.Exists(SharedFiles.Repo("api", "wwwroot", "index.html")), "Build the pane first: bash scripts/setup.sh (npm run build in addin/).");
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GhostAssist", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task FingerprintedBundlesAreImmutableAndIconsRevalidate()
    {
        var assets = SharedFiles.Repo("api", "wwwroot", "assets");
        Assert.True(Directory.Exists(assets), "Build the pane first: bash scripts/setup.sh (npm run build in addin/).");
        var bundle = Path.GetFileName(Directory.GetFiles(assets, "main-*.js").First());
        using var client = factory.CreateClient();

        using var bundleResponse = await client.GetAsync($"/assets/{bundle}");
        using var iconResponse = await client.GetAsync("/assets/icon-32.png");

        Assert.Equal(HttpStatusCode.OK, bundleResponse.StatusCode);
        Assert.Contains("immutable", bundleResponse.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, iconResponse.StatusCode);
        Assert.Equal("no-cache", iconResponse.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task UnknownApiPathIsNotFoundProblem()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/api/no-such-thing");

        await AssertProblem(response, HttpStatusCode.NotFound, "/api/no-such-thing");
    }

    [Fact]
    public async Task PostWithoutBodyIsBadRequestProblemSayingWhatToSend()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/api/coach", content: null);

        await AssertProblem(response, HttpStatusCode.BadRequest, "needs a JSON body");
    }

    [Fact]
    public async Task PostWithNonJsonBodyIsUnsupportedMediaTypeProblemNotThePane()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("subject=Hi", Encoding.UTF8, "text/plain");
        using var response = await client.PostAsync("/api/coach", content);

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "JSON");
    }

    [Fact]
    public async Task WrongMethodOnApiPathIsMethodNotAllowedProblem()
    {
        using var client = factory.CreateClient();
        using var response = await client.DeleteAsync("/api/me");

        await AssertProblem(response, HttpStatusCode.MethodNotAllowed, "DELETE is not allowed");
    }

    [Fact]
    public async Task OversizedBodyIsPayloadTooLargeProblem()
    {
        await using var small = factory.With(new Dictionary<string, string?> { ["Limits:MaxRequestBodyBytes"] = "1024" });
        using var client = small.CreateClient();
        using var content = new StringContent("{\"messages\":\"" + new string('x', 4096) + "\"}", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/analysis", content);

        var problem = await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "1,024");
        Assert.Equal(1024, problem.GetProperty("limitBytes").GetInt64());
    }

    [Fact]
    public async Task ChunkedOversizedBodyIsPayloadTooLargeProblem()
    {
        await using var small = factory.With(new Dictionary<string, string?> { ["Limits:MaxRequestBodyBytes"] = "1024" });
        using var client = small.CreateClient();
        // A stream of unknown length has no Content-Length of its own; whichever layer counts it, the answer is the same problem.
        using var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes("{\"me\":\"" + new string('x', 4096) + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/api/analysis", content);

        Assert.Null(content.Headers.ContentLength);
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "this API accepts");
    }

    [Fact]
    public async Task TooManyRequestsIsProblemWithRetryAfter()
    {
        await using var limited = factory.With(new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "3",
            ["RateLimiting:WindowSeconds"] = "30",
        });
        using var client = limited.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/api/me");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var response = await client.GetAsync("/api/me");

        await AssertProblem(response, HttpStatusCode.TooManyRequests, "Retry after");
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 30);
    }

    [Fact]
    public async Task HealthIsNotRateLimited()
    {
        await using var limited = factory.With(new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "1" });
        using var client = limited.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task MalformedJsonIsBadRequestProblemSayingWhere()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("{\"me\": ", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/analysis", content);

        await AssertProblem(response, HttpStatusCode.BadRequest, "JSON");
    }

    internal static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        return problem;
    }

    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
