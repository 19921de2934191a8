using Microsoft.AspNetCore.Routing;

namespace GhostAssist.Api.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeMicrosoft"/> and the API configured for Entra ID against it (single tenant,
/// certificate trusted), shared by a test class. Derive to map Graph routes.
/// </summary>
public class FakeMicrosoftFixture : IAsyncLifetime
{
    public FakeMicrosoft Microsoft { get; private set; } = null!;

    public GhostAssistFactory Api { get; private set; } = null!;

    protected virtual void MapGraph(IEndpointRouteBuilder routes)
    {
    }

    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Microsoft = await FakeMicrosoft.StartAsync(MapGraph);
        Api = CreateApi();
    }

    /// <summary>Another API instance against the same fake (dispose it), with these settings on top.</summary>
    public GhostAssistFactory CreateApi(IDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var all = Microsoft.Settings();
        foreach (var (key, value) in ExtraSettings)
        {
            all[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return GhostAssistFactory.Create(all, s =>
        {
            Microsoft.TrustIn(s);
            services?.Invoke(s);
        });
    }

    public HttpClient ClientWith(string token, GhostAssistFactory? api = null)
    {
        var client = (api ?? Api).CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Microsoft.DisposeAsync();
    }
}
