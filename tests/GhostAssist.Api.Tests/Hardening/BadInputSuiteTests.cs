using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using GhostAssist.Api.Tests.Infrastructure;
using GhostAssist.Api.Tests.Invites;
using Xunit.Abstractions;

namespace GhostAssist.Api.Tests.Hardening;

/// <summary>
/// Bad input, generated: per endpoint from the OpenAPI document's schemas, and by mutating real
/// requests. Every answer must be a 2xx or a problem+json whose detail a person can act on; no 5xx,
/// no hang. The seed is fixed so CI is repeatable; GHOSTASSIST_FUZZ_SEED=random (or a number) explores,
/// GHOSTASSIST_FUZZ_CASES sets the count and GHOSTASSIST_FUZZ_REPORT a file for the summary.
/// </summary>
public sealed class BadInputSuiteTests(ITestOutputHelper output)
{
    private const ulong CiSeed = 15_0150;
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EveryGeneratedBadRequestGetsA2xxOrAnActionableProblemAndNever5xx()
    {
        var seed = Seed();
        var cases = int.TryParse(Environment.GetEnvironmentVariable("GHOSTASSIST_FUZZ_CASES"), out var n) && n > 0 ? n : 600;
        using var factory = GhostAssistFactory.Create(new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "1000000",
            ["RateLimiting:AnalysedBytesPerWindow"] = "100000000000",
        });
        using var client = factory.CreateClient();
        client.Timeout = Hang;
        var context = await RequestContext.CreateAsync(client);
        var operations = Operations(context.OpenApi);
        Assert.True(operations.Count >= 20, $"the OpenAPI document lists {operations.Count} operations");

        var pcg = new PCG(15, seed);
        var byStatus = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var hangs = 0;
        for (var i = 0; i < cases; i++)
        {
            // Half from the schema of an endpoint, half from a real request with one mutation.
            var request = i % 2 == 0
                ? FromSchema(pcg, operations[(int)pcg.Next((uint)operations.Count)], context)
                : Mutate(pcg, context.RealRequests[(int)pcg.Next((uint)context.RealRequests.Count)], context);
            int status;
            string? problem;
            try
            {
                (status, problem) = await SendAsync(client, request);
            }
            catch (TaskCanceledException)
            {
                hangs++;
                failures.Add($"hang (> {Hang.TotalSeconds:0} s): {request}");
                continue;
            }

            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            if (status >= 500 || problem is not null)
            {
                failures.Add($"{status} {problem}: {request}");
            }
        }

        var summary = $"bad-input suite: {cases} cases, seed {seed}, by status: {string.Join(", ", byStatus.Select(s => $"{s.Key}: {s.Value}"))}; "
            + $"5xx: {byStatus.Where(s => s.Key >= 500).Sum(s => s.Value)}, hangs: {hangs}, unclear answers: {failures.Count - hangs - byStatus.Where(s => s.Key >= 500).Sum(s => s.Value)}";
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("GHOSTASSIST_FUZZ_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, summary + Environment.NewLine);
        }

        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n", failures.Take(15)));
        Assert.True(byStatus.Keys.Count(s => s is >= 200 and < 300) > 0 && byStatus.Keys.Count(s => s is >= 400 and < 500) > 2, summary);
    }

    private static ulong Seed()
    {
        var value = Environment.GetEnvironmentVariable("GHOSTASSIST_FUZZ_SEED");
        if (string.Equals(value, "random", StringComparison.OrdinalIgnoreCase))
        {
            return PCG.ThreadPCG.Next64();
        }

        return ulong.TryParse(value, out var seed) ? seed : CiSeed;
    }

    /// <summary>Sends one case; the second value says what is wrong with the answer, or null when it is clean.</summary>
    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient client, Case request)
    {
        // Kestrel refuses a NUL in the path before the app sees it; the test server throws instead.
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.Replace("%00", "", StringComparison.Ordinal));
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(message);
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return (status, null);
        }

        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return (status, $"not problem+json ({response.Content.Headers.ContentType?.MediaType})");
        }

        string? detail;
        try
        {
            detail = JsonDocument.Parse(text).RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        }
        catch (JsonException)
        {
            return (status, "the problem is not JSON");
        }

        if (detail is null || detail.Trim().Length < 15)
        {
            return (status, $"no actionable detail (\"{detail}\")");
        }

        foreach (var leak in new[] { "System.", "GhostAssist.Api", "`1", "Exception", "Microsoft.AspNetCore" })
        {
            if (detail.Contains(leak, StringComparison.Ordinal))
            {
                return (status, $"detail names .NET internals: {Shorten(detail)}");
            }
        }

        return (status, status >= 500 ? Shorten(detail) : null);
    }

    // ---- Generators (CsCheck): hostile leaves, schema-shaped bodies, mutations of real requests ----

    private static readonly Gen<string> HostileString = Gen.OneOf<string>(
        Gen.String,
        Gen.String[Gen.Char.AlphaNumeric, 0, 40],
        Gen.OneOf("", " ", "\r\n", "\t", "\u202Eevil", "\u0000", "Europe", "America", "posix", "../../etc/passwd", "Q3 FY26",
            "{{today}}", "{{today}}{{today}}{{today}}", "<script>alert(1)</script>", "' OR 1=1 --", "null", "%00", "😀👩‍👩‍👧", "\uD800",
            "demo-harrowgate-proposal", "demo-harrowgate-proposal\r\nCritical: forged", "alex.morgan@ghostassist.example", "dana@contoso.example",
            "not an address", "a@b", "2026-11-24T10:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "Europe/London", "worried-check-in",
            "multi-thread", "calendar-invite", "warm", "team", "personal", "used", "\"1\"", "*", "W/\"1\""),
        Gen.Int[1_000, 70_000].Select(length => new string('x', length)),
        Gen.Int[100, 2_000].Select(count => string.Concat(Enumerable.Repeat("<div><b>", count))));

    private static readonly Gen<JsonNode?> HostileLeaf = Gen.Frequency<JsonNode?>(
        (6, HostileString.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.OneOf(0L, -1L, 1L, 15L, 30L, 240L, 1000L, int.MaxValue, long.MinValue).Select(v => (JsonNode?)JsonValue.Create(v))),
        (1, Gen.OneOf(1e308, -0.5, 3.14).Select(v => (JsonNode?)JsonValue.Create(v))),
        (1, Gen.Bool.Select(v => (JsonNode?)JsonValue.Create(v))),
        (1, Gen.Const<JsonNode?>(() => null)),
        (1, Gen.Const<JsonNode?>(() => new JsonObject())),
        (1, Gen.Const<JsonNode?>(() => new JsonArray())));

    private static T Draw<T>(Gen<T> gen, PCG pcg) => gen.Generate(pcg, null!, out _);

    private static int Below(PCG pcg, int count) => (int)pcg.Next((uint)Math.Max(1, count));

    private static Case FromSchema(PCG pcg, Operation operation, RequestContext context)
    {
        var path = operation.Path;
        foreach (var parameter in operation.PathParameters)
        {
            var value = Below(pcg, 3) switch
            {
                0 => context.ValidPathValue(parameter, operation.Path),
                1 => Draw(HostileString, pcg),
                _ => Draw(Gen.String[Gen.Char.AlphaNumeric, 1, 30], pcg),
            };
            path = path.Replace("{" + parameter + "}", Uri.EscapeDataString(value.Length > 3_000 ? value[..3_000] : value), StringComparison.Ordinal);
        }

        var query = operation.QueryParameters.Where(_ => Below(pcg, 2) == 0)
            .Select(q => $"{q}={Uri.EscapeDataString(Truncate(Draw(HostileString, pcg), 500))}").ToList();
        if (query.Count > 0)
        {
            path += "?" + string.Join("&", query);
        }

        string? body = null;
        if (operation.BodySchema is { } schema)
        {
            body = Below(pcg, 10) switch
            {
                0 => Draw(HostileString, pcg),
                1 => "",
                _ => FromSchema(pcg, schema, context.OpenApi, depth: 0)?.ToJsonString() ?? "null",
            };
        }

        return new Case(operation.Method, path, body, Below(pcg, 12) == 0 ? "text/plain" : "application/json", Headers(pcg, context));
    }

    private static JsonNode? FromSchema(PCG pcg, JsonElement schema, JsonElement document, int depth)
    {
        // One in eight values is hostile whatever the schema says.
        if (Below(pcg, 8) == 0 || depth > 6)
        {
            return Draw(HostileLeaf, pcg);
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return FromSchema(pcg, document.GetProperty("components").GetProperty("schemas").GetProperty(name), document, depth + 1);
        }

        foreach (var composite in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(composite, out var options) && options.GetArrayLength() > 0)
            {
                return FromSchema(pcg, options[Below(pcg, options.GetArrayLength())], document, depth + 1);
            }
        }

        var type = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString()
            : schema.TryGetProperty("properties", out _) ? "object" : null;
        switch (type)
        {
            case "object":
                var json = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        if (Below(pcg, 4) != 0)
                        {
                            json[property.Name] = FromSchema(pcg, property.Value, document, depth + 1);
                        }
                    }
                }
                else if (schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
                {
                    for (var i = Below(pcg, 4); i > 0; i--)
                    {
                        json[Draw(Gen.OneOf("today", "contactFirstName", "company", "nope", "", "{{x}}"), pcg) + (i > 1 ? i : "")] = FromSchema(pcg, values, document, depth + 1);
                    }
                }

                return json;
            case "array":
                var array = new JsonArray();
                var count = Below(pcg, 10) == 0 ? Below(pcg, 1_200) : Below(pcg, 4);
                for (var i = 0; i < count; i++)
                {
                    array.Add(schema.TryGetProperty("items", out var items) ? FromSchema(pcg, items, document, depth + 1) : Draw(HostileLeaf, pcg));
                }

                return array;
            case "integer":
            case "number":
                return JsonValue.Create(Draw(Gen.OneOf<int>(Gen.Int[-5, 300], Gen.OneOf(int.MinValue, int.MaxValue, 15, 30, 240, 1)), pcg));
            case "boolean":
                return JsonValue.Create(Draw(Gen.Bool, pcg));
            case "string":
                var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
                return JsonValue.Create(format switch
                {
                    "date-time" => Draw(Gen.OneOf("2026-11-24T10:00:00Z", "2027-01-05T09:30:00+01:00", "2020-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "tomorrow"), pcg),
                    "uuid" => Draw(Gen.OneOf(Guid.Empty.ToString(), Guid.NewGuid().ToString(), "not-a-guid"), pcg),
                    "date" => Draw(Gen.OneOf("2026-11-24", "0001-01-01", "31/12/2026"), pcg),
                    _ => Draw(HostileString, pcg),
                });
            default:
                return Draw(HostileLeaf, pcg);
        }
    }

    private static Case Mutate(PCG pcg, Case real, RequestContext context)
    {
        if (real.Body is null)
        {
            var mutated = real.Path + (real.Path.Contains('?') ? "&" : "?") + "x=" + Uri.EscapeDataString(Truncate(Draw(HostileString, pcg), 300));
            return real with { Path = Below(pcg, 2) == 0 ? mutated : real.Path.Replace("demo-", Uri.EscapeDataString(Truncate(Draw(HostileString, pcg), 300)), StringComparison.Ordinal), Headers = Headers(pcg, context) };
        }

        var choice = Below(pcg, 10);
        if (choice == 0)
        {
            // Malformed JSON: the real body cut at a random point.
            return real with { Body = real.Body[..Below(pcg, real.Body.Length)] };
        }

        var root = JsonNode.Parse(real.Body)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[Below(pcg, nodes.Count)];
        var replacement = choice == 1 ? new JsonArray(target.DeepClone(), target.DeepClone()) : Draw(HostileLeaf, pcg);
        if (target.Parent is JsonObject parent)
        {
            var key = parent.First(p => ReferenceEquals(p.Value, target)).Key;
            if (choice == 2)
            {
                parent.Remove(key);
            }
            else
            {
                parent[key] = replacement;
            }
        }
        else if (target.Parent is JsonArray list)
        {
            list[list.IndexOf(target)] = replacement;
        }
        else
        {
            root = replacement ?? JsonValue.Create("null")!;
        }

        return real with { Body = root.ToJsonString(), Headers = Headers(pcg, context) };
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        if (node is JsonObject obj)
        {
            foreach (var (_, value) in obj)
            {
                if (value is not null)
                {
                    Collect(value, nodes);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var value in array)
            {
                if (value is not null)
                {
                    Collect(value, nodes);
                }
            }
        }
    }

    private static IReadOnlyList<(string, string)> Headers(PCG pcg, RequestContext context)
    {
        var headers = new List<(string, string)>();
        switch (Below(pcg, 4))
        {
            case 0:
                headers.Add(("If-Match", Draw(Gen.OneOf(context.TemplateETag, "\"999\"", "*", "garbage", "\"\u202E\"", "W/\"1\""), pcg)));
                break;
            case 1:
                headers.Add(("Idempotency-Key", Truncate(Draw(HostileString, pcg).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\0", "", StringComparison.Ordinal), 2_000)));
                break;
        }

        return headers;
    }

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;

    private static string Shorten(string value) => value.Length > 300 ? value[..300] + "…" : value;

    private static List<Operation> Operations(JsonElement document)
    {
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                if (method.Name is not ("get" or "post" or "put" or "delete" or "patch"))
                {
                    continue;
                }

                var parameters = method.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                JsonElement? body = method.Value.TryGetProperty("requestBody", out var rb)
                    && rb.GetProperty("content").EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Object } content
                    && content.TryGetProperty("schema", out var schema) ? schema : null;
                operations.Add(new Operation(
                    method.Name.ToUpperInvariant(),
                    path.Name,
                    parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList(),
                    parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!).ToList(),
                    body ?? (method.Name is "post" or "put" ? JsonDocument.Parse("{}").RootElement : null)));
            }
        }

        return operations;
    }

    private sealed record Operation(string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, JsonElement? BodySchema);

    private sealed record Case(string Method, string Path, string? Body, string ContentType, IReadOnlyList<(string Name, string Value)> Headers)
    {
        public override string ToString() => $"{Method} {Shorten(Path)} {(Body is null ? "" : Shorten(Body))} {string.Join(" ", Headers.Select(h => $"{h.Name}: {Shorten(h.Value)}"))}";
    }

    /// <summary>The document and real requests: a thread, a template with its ETag, an invite.</summary>
    private sealed record RequestContext(JsonElement OpenApi, string TemplateId, string TemplateETag, string InviteId, IReadOnlyList<Case> RealRequests)
    {
        public string ValidPathValue(string parameter, string path) => parameter switch
        {
            "id" when path.StartsWith("/api/templates", StringComparison.Ordinal) => TemplateId,
            "id" => InviteId,
            "conversationId" => "demo-harrowgate-proposal",
            "messageId" => "demo-harrowgate-proposal-m02",
            "version" => "1",
            _ => "1",
        };

        public static async Task<RequestContext> CreateAsync(HttpClient client)
        {
            var openApi = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json")).RootElement.Clone();
            var template = """{"name":"Fuzz seed","kind":"worried-check-in","subject":"Checking in","body":"Hi {{contactFirstName}}, is {{lastTopic}} still a priority?","tags":["fuzz"]}""";
            using var created = await client.PostAsync("/api/templates", new StringContent(template, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var templateId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            var etag = created.Headers.ETag!.Tag;

            var thread = JsonSerializer.Serialize(InviteTestKit.Thread(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
            var start = DateTimeOffset.UtcNow.AddDays(3).Date.AddHours(10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
            var end = DateTimeOffset.UtcNow.AddDays(3).Date.AddHours(10).AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
            var invite = $$"""{"slot":{"start":"{{start}}","end":"{{end}}"},"conversationId":"demo-harrowgate-proposal","idempotencyKey":"fuzz-seed"}""";
            using var createdInvite = await client.PostAsync("/api/invites", new StringContent(invite, Encoding.UTF8, "application/json"));
            var inviteId = createdInvite.IsSuccessStatusCode
                ? JsonDocument.Parse(await createdInvite.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!
                : "unknown";

            const string json = "application/json";
            IReadOnlyList<(string, string)> none = [];
            var real = new List<Case>
            {
                new("POST", "/api/analysis", $$"""{"me":"{{InviteTestKit.Me}}","messages":{{thread}}}""", json, none),
                new("POST", "/api/drafts", """{"conversationId":"demo-harrowgate-proposal","kind":"worried-check-in","tone":"warm"}""", json, none),
                new("POST", "/api/drafts", $$"""{"me":"{{InviteTestKit.Me}}","messages":{{thread}},"kind":"multi-thread","recipient":"cfo@contoso.example"}""", json, none),
                new("POST", "/api/drafts", $$"""{"conversationId":"demo-harrowgate-proposal","templateId":"{{templateId}}"}""", json, none),
                new("POST", "/api/coach", """{"subject":"Quick question","body":"Hi Dana, could you confirm by Thursday?","kind":"worried-check-in"}""", json, none),
                new("POST", "/api/invites/proposals", """{"conversationId":"demo-harrowgate-proposal","durationMinutes":30,"timeZone":"Europe/London","attendeeTimeZone":"America/New_York"}""", json, none),
                new("POST", "/api/invites", invite.Replace("fuzz-seed", "fuzz-2", StringComparison.Ordinal), json, none),
                new("POST", "/api/invites/preview", invite, json, none),
                new("POST", $"/api/templates/{templateId}/render", """{"conversationId":"demo-harrowgate-proposal","values":{"company":"Contoso"}}""", json, none),
                new("PUT", $"/api/templates/{templateId}", """{"name":"Fuzz seed","kind":"worried-check-in","subject":"Checking in","body":"Hi {{contactFirstName}}","tags":[]}""", json, [("If-Match", etag)]),
                new("POST", "/api/templates", template.Replace("Fuzz seed", "Fuzz two", StringComparison.Ordinal), json, none),
                new("POST", $"/api/templates/{templateId}/usage", """{"event":"used"}""", json, none),
                new("POST", "/api/templates/import", """{"templates":[{"name":"Imported","kind":"re-engage","subject":"Picking up","body":"Hi {{contactFirstName}}","tags":[]}]}""", json, none),
                new("GET", "/api/threads/demo-harrowgate-proposal/analysis", null, json, none),
                new("GET", "/api/messages/demo-harrowgate-proposal-m02/conversation", null, json, none),
                new("GET", "/api/templates?kind=worried-check-in&scope=team&tag=fuzz", null, json, none),
            };
            return new RequestContext(openApi, templateId, etag, inviteId, real);
        }
    }
}
