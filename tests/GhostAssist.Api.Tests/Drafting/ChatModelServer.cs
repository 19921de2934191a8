using System.Text;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GhostAssist.Api.Tests.Drafting;

/// <summary>
/// A loopback server speaking the chat-completions wire format on the paths the SDKs call: Azure
/// OpenAI's deployment route and an OpenAI-compatible server's /v1/chat/completions. A request with
/// "stream": true gets server-sent chat.completion.chunk events, a few words each, as a model sends them.
/// </summary>
public static class ChatModelServer
{
    public const string Deployment = "drafts-gpt-4o-mini";

    public static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_764_000_000,
        model = Deployment,
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 900, completion_tokens = 120, total_tokens = 1020 },
    });

    public static string Answer(string subject, string body) => $"Subject: {subject}\n\n{body.Replace("\r\n", "\n")}";

    /// <summary>Answers every request with <paramref name="content"/>, streamed when asked.</summary>
    public static Task<LoopbackServer> Answering(string content, TimeSpan? delayBetweenChunks = null) =>
        Answering(async context =>
        {
            var request = await ReadJson(context);
            if (request.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
            {
                await WriteStream(context, content, delayBetweenChunks ?? TimeSpan.Zero);
                return Results.Empty;
            }

            return Results.Text(Completion(content), "application/json");
        });

    public static Task<LoopbackServer> Answering(Func<HttpContext, Task<IResult>> answer) =>
        LoopbackServer.StartAsync(map =>
        {
            map.MapPost("/openai/deployments/{deployment}/chat/completions", answer);
            map.MapPost("/v1/chat/completions", answer);
        });

    private static async Task<JsonElement> ReadJson(HttpContext context)
    {
        context.Request.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        return document.RootElement.Clone();
    }

    private static async Task WriteStream(HttpContext context, string content, TimeSpan delay)
    {
        context.Response.ContentType = "text/event-stream";
        var words = content.Split(' ');
        for (var k = 0; k < words.Length; k += 3)
        {
            var piece = string.Join(' ', words.Skip(k).Take(3)) + (k + 3 < words.Length ? " " : "");
            await Send(context, new { role = "assistant", content = piece }, null);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }
        }

        await Send(context, new { }, "stop");
        await context.Response.WriteAsync("data: [DONE]\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static async Task Send(HttpContext context, object delta, string? finish)
    {
        var chunk = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1_764_000_000,
            model = Deployment,
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        });
        await context.Response.WriteAsync($"data: {chunk}\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }
}
