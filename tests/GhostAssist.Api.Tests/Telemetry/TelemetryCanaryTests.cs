using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Graph;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Telemetry;

/// <summary>
/// Canary strings (a body, an address, a name, a subject, tokens) go through every endpoint; nothing
/// the API exports through OpenTelemetry (span names and attributes, metric tags, log records) may
/// contain any of them, while the telemetry the operators need is there.
/// </summary>
public sealed class TelemetryCanaryTests(GraphFixture graph) : IClassFixture<GraphFixture>
{
    // Every canary carries "qzx", which nothing else in the API or its tests does.
    private const string Marker = "qzx";
    private const string Me = "alex.morgan@ghostassist.example";
    private const string ContactAddress = "qzx.contact@qzx-canary.example";
    private const string ContactName = "Zebulon Qzxname";
    private const string SeniorAddress = "qzx.senior@qzx-canary.example";
    private const string Subject = "Qzxsubject licence renewal";
    private const string BodyText = "Qzxbody: we will review the proposal and decide by the end of the month.";

    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-20);

    private static GraphMessage Message(string id, bool fromMe, int day, string text) => new()
    {
        Id = id,
        ConversationId = "conv-canary",
        Subject = Subject,
        From = fromMe ? GraphRecipient.Of(Me, "Alex Morgan") : GraphRecipient.Of(ContactAddress, ContactName),
        ToRecipients = [fromMe ? GraphRecipient.Of(ContactAddress, ContactName) : GraphRecipient.Of(Me, "Alex Morgan")],
        CcRecipients = [GraphRecipient.Of(SeniorAddress, "Qzxsenior Person")],
        SentDateTime = Start.AddDays(day),
        Body = new GraphItemBody { ContentType = "text", Content = text },
    };

    private static GraphMessage[] Thread() =>
    [
        Message("m1", true, 0, $"Hi Zebulon,\n\nHere is the proposal. {BodyText}\n\nBest,\nAlex"),
        Message("m2", false, 1, $"Hi Alex,\n\n{BodyText}\n\nThanks,\nZebulon Qzxname\nQzxcorp Ltd"),
        Message("m3", true, 6, $"Hi Zebulon,\n\nAny thoughts on the proposal? {BodyText}\n\nBest,\nAlex"),
    ];

    [Fact]
    public async Task NoEndpointExportsABodyAddressNameOrSubjectInSpansMetricsOrLogs()
    {
        var exported = new ExportedTelemetry();
        await using var api = GhostAssistFactory.Create(new Dictionary<string, string?>(), exported.AddTo);
        using var client = api.CreateClient();
        var thread = Thread();

        async Task Send(HttpResponseMessage response)
        {
            using (response)
            {
                await response.Content.ReadAsStringAsync();
            }
        }

        await Send(await client.PostAsJsonAsync("/api/analysis", new { me = Me, messages = thread }));
        await Send(await client.PostAsJsonAsync("/api/analysis", new { me = ContactName, messages = thread }));
        var kinds = await client.GetFromJsonAsync<JsonElement>("/api/followups/kinds");
        foreach (var kind in kinds.EnumerateArray().Select(k => k.GetProperty("id").GetString()))
        {
            await Send(await client.PostAsJsonAsync("/api/drafts", new { me = Me, messages = thread, kind, recipient = SeniorAddress }));
        }

        await Send(await client.PostAsJsonAsync("/api/drafts", new { me = Me, messages = thread, kind = Subject }));
        await Send(await client.PostAsJsonAsync("/api/coach", new { subject = Subject, body = BodyText }));
        using (var proposals = await client.PostAsJsonAsync("/api/invites/proposals", new { me = Me, messages = thread, attendees = new[] { new { address = ContactAddress, name = ContactName } } }))
        {
            var slots = (await proposals.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots");
            var slot = new { start = slots[0].GetProperty("start").GetDateTimeOffset(), end = slots[0].GetProperty("end").GetDateTimeOffset() };
            var invite = new { slot, me = Me, messages = thread, attendees = new[] { new { address = ContactAddress, name = ContactName } }, subject = Subject, body = BodyText, idempotencyKey = "canary-invite" };
            await Send(await client.PostAsJsonAsync("/api/invites/preview", invite));
            using var created = await client.PostAsJsonAsync("/api/invites", invite);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            await Send(await client.GetAsync($"/api/invites/{id}.ics"));
        }

        await Send(await client.PostAsJsonAsync("/api/invites/proposals", new { attendees = new[] { new { address = "not an address " + ContactName } } }));
        using (var template = await client.PostAsJsonAsync("/api/templates", new { name = ContactName, kind = "re-engage", subject = Subject, body = "Hi {{contactFirstName}}, " + BodyText, tags = new[] { "qzxtag" } }))
        {
            var id = (await template.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            await Send(await client.PostAsJsonAsync($"/api/templates/{id}/render", new { values = new { contactFirstName = ContactName, company = "Qzxcorp" } }));
            await Send(await client.PostAsJsonAsync("/api/drafts", new { me = Me, messages = thread, templateId = id }));
            await Send(await client.GetAsync($"/api/templates/{id}/versions"));
        }

        await Send(await client.PostAsJsonAsync("/api/templates", new { name = "Typo", kind = "re-engage", subject = Subject, body = "{{qzxUnknown}} " + BodyText }));
        await Send(await client.GetAsync("/api/templates"));
        await Send(await client.GetAsync("/api/threads"));
        await Send(await client.GetAsync("/api/threads/demo-harrowgate-proposal/analysis"));
        await Send(await client.GetAsync($"/api/threads/{Uri.EscapeDataString(ContactAddress)}/analysis"));
        await Send(await client.GetAsync("/api/me"));
        await Send(await client.GetAsync("/api/config"));
        await Send(await client.GetAsync("/health/ready"));

        var text = exported.AllText(api.Services);
        Assert.DoesNotContain(Marker, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Zebulon", text, StringComparison.OrdinalIgnoreCase);
        // And the telemetry operators need is there: request spans, our own spans and metrics, the database.
        Assert.Contains(exported.Spans, s => s.Source.Name == "Microsoft.AspNetCore" && ((string?)s.GetTagItem("http.route") ?? "").StartsWith("/api/drafts", StringComparison.Ordinal));
        Assert.Contains(exported.Spans, s => s.Source.Name == GhostAssist.Api.Infrastructure.Telemetry.Name && s.DisplayName == "draft");
        Assert.Contains(exported.Spans, s => s.Source.Name == GhostAssist.Api.Infrastructure.Telemetry.Name && s.DisplayName == "analyze thread");
        Assert.Contains(exported.Spans, s => s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));
        var metrics = exported.Metrics(api.Services).Select(m => m.Name).ToHashSet();
        Assert.Contains("http.server.request.duration", metrics);
        Assert.Contains("ghostassist.analysis.duration", metrics);
        Assert.Contains("ghostassist.draft.duration", metrics);
        Assert.Contains("ghostassist.drafts", metrics);
        Assert.NotEmpty(exported.Logs);
    }

    [Fact]
    public async Task SignedInGraphCallsExportNoTokenAddressNameOrMailText()
    {
        var exported = new ExportedTelemetry();
        await using var api = graph.CreateApi(services: exported.AddTo);
        graph.AddConversation("conv-telemetry", 4, DateTimeOffset.UtcNow.AddDays(-9));
        var token = graph.Microsoft.MintToken(userId: Guid.NewGuid().ToString());
        using var client = graph.ClientWith(token, api);

        (await client.GetAsync("/api/me")).Dispose();
        (await client.GetAsync("/api/threads")).Dispose();
        (await client.GetAsync("/api/threads/conv-telemetry/analysis")).Dispose();
        (await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-telemetry", kind = "worried-check-in" })).Dispose();
        (await client.PostAsJsonAsync("/api/invites/proposals", new { conversationId = "conv-telemetry" })).Dispose();

        var text = exported.AllText(api.Services);
        Assert.NotEmpty(graph.Microsoft.IssuedOboTokens);
        foreach (var secret in graph.Microsoft.IssuedOboTokens.Append(token).Append(FakeMicrosoft.ClientSecret))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        foreach (var personal in new[] { GraphFixture.Secret, GraphFixture.Customer, FakeMicrosoft.UserEmail, "Dana Owner", "jordan.buyer" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        }

        // Outgoing calls to Entra ID and Graph are traced (their query strings redacted).
        var outgoing = exported.Spans.Where(s => s.Source.Name == "System.Net.Http").Select(s => (string?)s.GetTagItem("url.full") ?? "").ToList();
        Assert.Contains(outgoing, url => url.Contains("/oauth2/v2.0/token", StringComparison.Ordinal));
        Assert.Contains(outgoing, url => url.Contains("/v1.0/me/messages", StringComparison.Ordinal));
    }
}
