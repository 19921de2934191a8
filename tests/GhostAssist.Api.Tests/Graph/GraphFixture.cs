using System.Collections.Concurrent;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GhostAssist.Api.Tests.Graph;

/// <summary>
/// Graph's mail endpoints in Graph's documented JSON shape: conversations by id (paged by $skip like
/// Graph), the sent items folder, messages received since a date, /me, createReplyAll and PATCH.
/// A test may put an <see cref="Intercept"/> in front to answer throttling or errors.
/// </summary>
public sealed class GraphFixture : FakeMicrosoftFixture
{
    public const string Secret = "SECRET-BODY-TEXT";
    public const string Customer = "jordan.buyer@fabrikam.example";

    private readonly ConcurrentDictionary<string, List<Dictionary<string, object?>>> _conversations = new(StringComparer.Ordinal);

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
        _conversations[conversationId] = messages.OrderBy(m => (string)m["id"]!, StringComparer.Ordinal).Reverse().ToList();
    }

    /// <summary>A conversation of messages the test wrote (see <see cref="Message"/>), in no promised order like Graph.</summary>
    public void PutConversation(string conversationId, params Dictionary<string, object?>[] messages) =>
        _conversations[conversationId] = messages.Reverse().ToList();

    /// <summary>Follow-up flags PATCHed onto messages, by message id, as Graph would store them.</summary>
    public ConcurrentDictionary<string, JsonElement> Flags { get; } = new(StringComparer.Ordinal);

    public static Dictionary<string, object?> Message(string id, string conversationId, string from, string to, DateTimeOffset sent, string text) => new()
    {
        ["@odata.etag"] = "W/\"CQAAABYAAAA\"",
        ["id"] = id,
        ["conversationId"] = conversationId,
        ["subject"] = "Renewal of the Fabrikam licence",
        ["from"] = new { emailAddress = new { name = from.Split('@')[0], address = from } },
        ["sender"] = new { emailAddress = new { name = from.Split('@')[0], address = from } },
        ["toRecipients"] = new[] { new { emailAddress = new { name = to.Split('@')[0], address = to } } },
        ["ccRecipients"] = Array.Empty<object>(),
        ["sentDateTime"] = sent.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["receivedDateTime"] = sent.UtcDateTime.AddSeconds(5).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["body"] = new { contentType = "text", content = text + "\r\n\r\n> quoted history" },
        ["uniqueBody"] = new { contentType = "text", content = text },
        ["internetMessageHeaders"] = new[] { new { name = "Message-ID", value = $"<{id}@fabrikam.example>" } },
        ["isDraft"] = false,
        ["webLink"] = $"https://outlook.office365.com/owa/?ItemID={id}&exvsurl=1&viewmodel=ReadMessageItem",
    };

    protected override void MapGraph(IEndpointRouteBuilder routes)
    {
        var graph = routes.MapGroup("/v1.0");
        graph.AddEndpointFilter(async (context, next) => Intercept?.Invoke(context.HttpContext) ?? await next(context));
        graph.MapGet("/me", () => Results.Json(new { id = FakeMicrosoft.UserId, mail = FakeMicrosoft.UserEmail, userPrincipalName = FakeMicrosoft.UserEmail }));
        graph.MapGet("/me/messages", (HttpContext context) => Messages(context));
        graph.MapGet("/me/mailFolders/sentitems/messages", (HttpContext context) =>
        {
            var sent = _conversations.Values.SelectMany(m => m).Where(m => IsFrom(m, FakeMicrosoft.UserEmail)).OrderByDescending(m => (string)m["sentDateTime"]!).ToList();
            return Page(context, sent);
        });
        graph.MapPost("/me/messages/{id}/createReplyAll", (string id) =>
        {
            var original = _conversations.Values.SelectMany(m => m).FirstOrDefault(m => (string)m["id"]! == id);
            if (original is null)
            {
                return Results.Json(new { error = new { code = "ErrorItemNotFound", message = "The specified object was not found in the store." } }, statusCode: 404);
            }

            var draft = Message("draft-" + id, (string)original["conversationId"]!, FakeMicrosoft.UserEmail, Customer, DateTimeOffset.UtcNow, "");
            draft["isDraft"] = true;
            draft["subject"] = "RE: " + original["subject"];
            draft["body"] = new { contentType = "html", content = "<html><head></head><body><div id=\"divRplyFwdMsg\">From: Jordan</div><div>" + Secret + "</div></body></html>" };
            return Results.Json(draft, statusCode: 201);
        });
        graph.MapGet("/me/messages/{id}", (string id) =>
        {
            var message = _conversations.Values.SelectMany(m => m).FirstOrDefault(m => (string)m["id"]! == id);
            return message is null
                ? Results.Json(new { error = new { code = "ErrorItemNotFound", message = "The specified object was not found in the store." } }, statusCode: 404)
                : Results.Json(new Dictionary<string, object?> { ["id"] = id, ["flag"] = Flags.TryGetValue(id, out var flag) ? flag : new { flagStatus = "notFlagged" } });
        });
        graph.MapMethods("/me/messages/{id}", ["PATCH"], async (string id, HttpContext context) =>
        {
            using var patch = await JsonDocument.ParseAsync(context.Request.Body);
            if (patch.RootElement.TryGetProperty("flag", out var flag))
            {
                // Graph refuses a due date without a start date (400), as documented for followupFlag.
                if (flag.TryGetProperty("dueDateTime", out _) && !flag.TryGetProperty("startDateTime", out _))
                {
                    return Results.Json(new { error = new { code = "ErrorInvalidRequest", message = "StartDateTime is required when DueDateTime is set." } }, statusCode: 400);
                }

                Flags[id] = flag.Clone();
                return Results.Json(new Dictionary<string, object?> { ["id"] = id, ["flag"] = flag.Clone() });
            }

            return Results.Json(new Dictionary<string, object?>
            {
                ["id"] = id,
                ["isDraft"] = true,
                ["subject"] = patch.RootElement.TryGetProperty("subject", out var subject) ? subject.GetString() : "RE: Renewal",
                ["body"] = JsonSerializer.Deserialize<object>(patch.RootElement.GetProperty("body").GetRawText()),
                ["webLink"] = $"https://outlook.office365.com/owa/?ItemID={id}&exvsurl=1&viewmodel=ReadMessageItem",
            });
        });
    }

    private IResult Messages(HttpContext context)
    {
        var filter = context.Request.Query["$filter"].ToString();
        const string prefix = "conversationId eq '";
        if (filter.StartsWith(prefix, StringComparison.Ordinal) && filter.EndsWith('\''))
        {
            var id = filter[prefix.Length..^1].Replace("''", "'", StringComparison.Ordinal);
            return Page(context, _conversations.TryGetValue(id, out var messages) ? messages : []);
        }

        if (filter.StartsWith("receivedDateTime ge ", StringComparison.Ordinal))
        {
            var received = _conversations.Values.SelectMany(m => m).OrderByDescending(m => (string)m["receivedDateTime"]!).ToList();
            return Page(context, received);
        }

        return Results.Json(new { error = new { code = "BadRequest", message = "Unsupported filter in this stand-in." } }, statusCode: 400);
    }

    /// <summary>$top and $skip as Graph pages a message collection, with @odata.nextLink.</summary>
    private static IResult Page(HttpContext context, List<Dictionary<string, object?>> all)
    {
        var top = int.TryParse(context.Request.Query["$top"], out var t) ? t : 10;
        var skip = int.TryParse(context.Request.Query["$skip"], out var s) ? s : 0;
        var page = all.Skip(skip).Take(top).ToList();
        var body = new Dictionary<string, object?>
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users('id')/messages",
            ["value"] = page,
        };
        if (skip + top < all.Count)
        {
            var query = context.Request.Query.Where(q => q.Key != "$skip").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"%24skip={skip + top}");
            body["@odata.nextLink"] = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?{string.Join('&', query)}";
        }

        return Results.Json(body);
    }

    private static bool IsFrom(Dictionary<string, object?> message, string address) =>
        JsonSerializer.SerializeToElement(message["from"]).GetProperty("emailAddress").GetProperty("address").GetString() == address;

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
