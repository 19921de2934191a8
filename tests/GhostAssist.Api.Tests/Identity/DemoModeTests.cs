using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace GhostAssist.Api.Tests.Identity;

public sealed class DemoModeTests(GhostAssistFactory factory) : IClassFixture<GhostAssistFactory>
{
    [Fact]
    public async Task PaneConfigSaysDemoWithoutAnySignInSettings()
    {
        using var client = factory.CreateClient();

        var auth = (await client.GetFromJsonAsync<JsonElement>("/api/config")).GetProperty("auth");

        Assert.Equal("demo", auth.GetProperty("mode").GetString());
        Assert.False(auth.TryGetProperty("clientId", out _));
        Assert.False(auth.TryGetProperty("scopes", out _));
    }

    [Fact]
    public async Task DemoUserIsSignedInWithNoConfiguration()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("demo", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sources").GetProperty("auth").GetString());
    }

    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("https://127.0.0.1:3000", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.2:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("http://ghostassist.contoso.example:80", false)]
    public void OnlyLoopbackAddressesCountAsLoopback(string url, bool loopback)
    {
        Assert.Equal(loopback, DemoModeGuard.IsLoopbackUrl(url));
    }

    [Fact]
    public void DemoModeNamesEveryNonLoopbackAddressConfigured()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://localhost:5080;http://0.0.0.0:8080",
            ["Kestrel:Endpoints:Lan:Url"] = "https://10.0.0.5:443",
            ["Kestrel:Endpoints:Local:Url"] = "https://localhost:3000",
            ["http_ports"] = "8081",
        }).Build();

        var offending = DemoModeGuard.NonLoopbackAddresses(configuration);

        Assert.Equal(3, offending.Count);
        Assert.Contains("http://0.0.0.0:8080", offending);
        Assert.Contains("https://10.0.0.5:443", offending);
        Assert.Contains(offending, o => o.StartsWith("http_ports", StringComparison.Ordinal));
    }

    [Fact]
    public void DemoModeRefusesToStartOnAllInterfaces()
    {
        using var exposed = GhostAssistFactory.Create(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:5080" });

        var error = Assert.ThrowsAny<Exception>(() => exposed.CreateClient());

        var message = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0].Message : (error.InnerException ?? error).Message;
        Assert.Contains("demo mode", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", message + error, StringComparison.Ordinal);
    }
}
