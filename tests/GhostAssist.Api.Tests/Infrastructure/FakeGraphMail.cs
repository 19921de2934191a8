using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GhostAssist.Api.Tests.Infrastructure;

/// <summary>
/// Graph's mail endpoints in Graph's documented JSON shape, for one mailbox owner: conversations by id
/// (paged by $skip like Graph), the sent items folder, messages received since a date, /me,
/// createReplyAll and PATCH. Shared by the tests' <c>GraphFixture</c> and the runnable loopback
/// Microsoft (tests/GhostAssist.Loopback), which fills it with the demo mailbox.
/// </summary>
public sealed class FakeGraphMail(string userId, string me, string customer, string replyText)
{
    private readonly ConcurrentDictionary<string, List<Dictionary<string, object?>>> _conversations = new(StringComparer.Ordinal);

    /// <summary>Follow-up flags PATCHed onto messages, by message id, as Graph would store them.</summary>
    public ConcurrentDictionary<string, JsonElement> Flags { get; } = new(StringComparer.Ordinal);

    public string Me => me;

    /// <summary>A conversation of messages in Graph's JSON shape, kept in no promised order like Graph.</summary>
    public void PutConversation(string conversationId, IEnumerable<Dictionary<string, object?>> messages) =>
        _conversations[conversationId] = messages.Reverse().ToList();

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

    /// <summary>Maps the mail routes on <paramref name="graph"/> (the /v1.0 group).</summary>
    public void Map(IEndpointRouteBuilder graph)
    {
        graph.MapGet("/me", () => Results.Json(new { id = userId, mail = me, userPrincipalName = me }));
        graph.MapGet("/me/messages", (HttpContext context) => Messages(context));
        graph.MapGet("/me/mailFolders/sentitems/messages", (HttpContext context) =>
        {
            var sent = _conversations.Values.SelectMany(m => m).Where(m => IsFrom(m, me)).OrderByDescending(m => Text(m, "sentDateTime")).ToList();
            return Page(context, sent);
        });
        graph.MapPost("/me/messages/{id}/createReplyAll", (string id) =>
        {
            var original = Find(id);
            if (original is null)
            {
                return NotFound();
            }

            var draft = Message("draft-" + id, Text(original, "conversationId"), me, customer, DateTimeOffset.UtcNow, "");
            draft["isDraft"] = true;
            draft["subject"] = "RE: " + Text(original, "subject");
            draft["body"] = new { contentType = "html", content = "<html><head></head><body><div id=\"divRplyFwdMsg\">From: Jordan</div><div>" + replyText + "</div></body></html>" };
            return Results.Json(draft, statusCode: 201);
        });
        graph.MapGet("/me/messages/{id}", (string id) => Find(id) is null
            ? NotFound()
            : Results.Json(new Dictionary<string, object?> { ["id"] = id, ["flag"] = Flags.TryGetValue(id, out var flag) ? flag : new { flagStatus = "notFlagged" } }));
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

    private Dictionary<string, object?>? Find(string id) => _conversations.Values.SelectMany(m => m).FirstOrDefault(m => Text(m, "id") == id);

    private static IResult NotFound() =>
        Results.Json(new { error = new { code = "ErrorItemNotFound", message = "The specified object was not found in the store." } }, statusCode: 404);

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
            var received = _conversations.Values.SelectMany(m => m).OrderByDescending(m => Text(m, "receivedDateTime")).ToList();
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
        string.Equals(JsonSerializer.SerializeToElement(message["from"]).GetProperty("emailAddress").GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase);

    /// <summary>A top-level text value, whether the message was built here (strings) or read from JSON (elements).</summary>
    private static string Text(Dictionary<string, object?> message, string key) => message.GetValueOrDefault(key) switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        _ => "",
    };
}
