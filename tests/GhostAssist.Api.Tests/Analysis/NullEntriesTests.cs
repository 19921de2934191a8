using System.Net;
using System.Text;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Analysis;

public sealed class NullEntriesTests(GhostAssistFactory factory) : IClassFixture<GhostAssistFactory>
{
    private static string Thread(string header) =>
        "[{\"id\":\"m1\",\"from\":{\"emailAddress\":{\"address\":\"dana@contoso.com\"}},\"toRecipients\":[null,{\"emailAddress\":{\"address\":\"alex@fabrikam.com\"}}],"
        + "\"internetMessageHeaders\":[null," + header + "],\"sentDateTime\":\"2026-11-02T10:00:00Z\",\"body\":{\"content\":\"Thanks, will read it.\"}}]";

    [Fact]
    public async Task NullHeadersInAPostedThreadAreSkippedNotAnError()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/api/analysis", Json($"{{\"me\":\"alex@fabrikam.com\",\"messages\":{Thread("{\"name\":\"Precedence\",\"value\":\"auto_reply\"}")}}}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var analysis = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        // The header after the null entry is still read: the message is an auto-reply.
        Assert.True(analysis.GetProperty("messages")[0].GetProperty("isAutoReply").GetBoolean());
    }

    [Fact]
    public async Task NullHeadersInADraftedThreadAreSkippedNotAnError()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/api/drafts", Json($"{{\"me\":\"alex@fabrikam.com\",\"messages\":{Thread("{\"name\":\"X-Mailer\",\"value\":\"Outlook\"}")},\"kind\":\"wiifm-summary\"}}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
