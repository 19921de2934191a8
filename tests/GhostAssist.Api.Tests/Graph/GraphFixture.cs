using System.Collections.Concurrent;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GhostAssist.Api.Tests.Graph;

/// <summary>
/// Graph's mail endpoints (<see cref="FakeGraphMail"/>) for the test user behind the Entra ID fake.
/// A test may put an <see cref="Intercept"/> in front to answer throttling or errors.
/// </summary>
public sealed class GraphFixture : FakeMicrosoftFixture
{
    public const string Secret = "SECRET-BODY-TEXT";
    public const string Customer = "jordan.buyer@fabrikam.example";

    private readonly FakeGraphMail _mail = new(FakeMicrosoft.UserId, FakeMicrosoft.UserEmail, Customer, Secret);

    /// <summary>Answers a Graph request before the normal routes do (null: let them answer).</summary>
    public Func<HttpContext, IResult?>? Intercept { get; set; }

    public ConcurrentDictionary<string, int> Counters { get; } = new(StringComparer.Ordinal);

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Graph:MaxRetries"] = "2",
        ["Graph:MaxRetryAfterSeconds"] = "5",
    };

    public void AddConversation(string conversationId, int count, DateTimeOffset start, bool lastFromMe = false)
    {
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var fromMe = lastFromMe ? (count - 1 - i) % 2 == 0 : i % 2 == 0;
            return Message($"{conversationId}-m{i:D3}", conversationId, fromMe ? FakeMicrosoft.UserEmail : Customer, fromMe ? Customer : FakeMicrosoft.UserEmail, start.AddHours(i), $"Message {i}. {Secret}");
        }).ToList();
        // Graph returns a conversation in no promised order.
        _mail.PutConversation(conversationId, messages.OrderBy(m => (string)m["id"]!, StringComparer.Ordinal));
    }

    /// <summary>A conversation of messages the test wrote (see <see cref="Message"/>), in no promised order like Graph.</summary>
    public void PutConversation(string conversationId, params Dictionary<string, object?>[] messages) => _mail.PutConversation(conversationId, messages);

    /// <summary>Follow-up flags PATCHed onto messages, by message id, as Graph would store them.</summary>
    public ConcurrentDictionary<string, JsonElement> Flags => _mail.Flags;

    public static Dictionary<string, object?> Message(string id, string conversationId, string from, string to, DateTimeOffset sent, string text) =>
        FakeGraphMail.Message(id, conversationId, from, to, sent, text);

    protected override void MapGraph(IEndpointRouteBuilder routes)
    {
        var graph = routes.MapGroup("/v1.0");
        graph.AddEndpointFilter(async (context, next) => Intercept?.Invoke(context.HttpContext) ?? await next(context));
        _mail.Map(graph);
    }

    /// <summary>Runs <paramref name="act"/> in a request scope of <paramref name="api"/> as the user whose token is <paramref name="token"/>.</summary>
    public static async Task<T> AsUserAsync<T>(GhostAssistFactory api, string token, Func<IServiceProvider, Task<T>> act)
    {
        using var scope = api.Services.CreateScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        // The user as JwtBearer would make them from this token (MapInboundClaims off).
        var claims = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ReadJsonWebToken(token).Claims;
        // BootstrapContext: the validated token, where Identity.Web finds it outside the JwtBearer pipeline.
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(claims, "Bearer", "name", "roles") { BootstrapContext = token });
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = user };
        context.Request.Headers.Authorization = "Bearer " + token;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        accessor.HttpContext = context;
        try
        {
            return await act(scope.ServiceProvider);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}
