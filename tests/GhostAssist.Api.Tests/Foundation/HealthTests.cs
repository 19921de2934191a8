using System.Net;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Foundation;

public sealed class HealthTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(GhostAssistFactory api, string path)
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string[] Checks(JsonElement body) => body.GetProperty("checks").EnumerateObject().Select(p => p.Name).Order().ToArray();

    [Fact]
    public async Task LivenessAsksNoDependencyAndReadinessChecksTheTemplateStore()
    {
        await using var api = new GhostAssistFactory();

        var live = await GetAsync(api, "/health/live");
        var ready = await GetAsync(api, "/health/ready");
        var health = await GetAsync(api, "/health");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("healthy", live.Body.GetProperty("status").GetString());
        Assert.Empty(Checks(live.Body));
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal(["templates"], Checks(ready.Body));
        Assert.Equal(["templates"], Checks(health.Body));
    }

    [Fact]
    public async Task ReadinessIncludesRedisWhenConfigured()
    {
        await using var api = GhostAssistFactory.Create(new Dictionary<string, string?> { ["Redis:Configuration"] = TestRedis.Configuration });

        var ready = await GetAsync(api, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("healthy", ready.Body.GetProperty("checks").GetProperty("redis").GetString());
    }

    [Fact]
    public async Task AnInstanceWhoseRedisIsDownIsLiveButNotReady()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        await using var api = GhostAssistFactory.Create(new Dictionary<string, string?> { ["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=500,syncTimeout=500,asyncTimeout=500" });

        var live = await GetAsync(api, "/health/live");
        var ready = await GetAsync(api, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("unhealthy", ready.Body.GetProperty("status").GetString());
        Assert.Equal("unhealthy", ready.Body.GetProperty("checks").GetProperty("redis").GetString());
        Assert.Equal("healthy", ready.Body.GetProperty("checks").GetProperty("templates").GetString());
    }
}
