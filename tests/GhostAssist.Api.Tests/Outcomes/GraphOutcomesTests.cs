using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Tests.Graph;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Outcomes;

/// <summary>
/// The Graph path on the loopback Graph server: the play header on drafts saved into Outlook, the
/// follow-up flag with its due date and reminder, and outcomes read from a real reply and from an
/// accepted meeting.
/// </summary>
public sealed class GraphOutcomesTests : IClassFixture<GraphFixture>
{
    private readonly GraphFixture _graph;

    public GraphOutcomesTests(GraphFixture graph)
    {
        _graph = graph;
        _graph.Intercept = null;
    }

    private HttpClient NewUser() => _graph.ClientWith(_graph.Microsoft.MintToken(userId: Guid.NewGuid().ToString()));

    private static Dictionary<string, object?> Tracked(Dictionary<string, object?> message, string marker)
    {
        message["internetMessageHeaders"] = new[] { new { name = "Message-ID", value = $"<{message["id"]}@contoso.example>" }, new { name = "X-GhostAssist-Play", value = marker } };
        return message;
    }

    [Fact]
    public async Task ADraftSavedIntoOutlookCarriesThePlayHeaderFromCreation()
    {
        _graph.AddConversation("conv-tracked-draft", 4, DateTimeOffset.UtcNow.AddDays(-8), lastFromMe: true);
        using var client = NewUser();

        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-tracked-draft", kind = "worried-check-in", saveToOutlook = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var create = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "POST" && r.Path == "/v1.0/me/messages/conv-tracked-draft-m003/createReplyAll");
        // The SDK writes the action's parameter as "Message"; Graph reads action parameters case-insensitively.
        var message = JsonDocument.Parse(create.Body).RootElement.EnumerateObject().Single(p => p.NameEquals("Message") || p.NameEquals("message")).Value;
        var header = Assert.Single(message.GetProperty("internetMessageHeaders").EnumerateArray());
        Assert.Equal("X-GhostAssist-Play", header.GetProperty("name").GetString());
        Assert.StartsWith("worried-check-in; situation=", header.GetProperty("value").GetString(), StringComparison.Ordinal);
        // The PATCH that writes the text comes after creation and sends no header (Graph would refuse it there).
        var patch = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "PATCH" && r.Path == "/v1.0/me/messages/draft-conv-tracked-draft-m003");
        Assert.False(JsonDocument.Parse(patch.Body).RootElement.TryGetProperty("internetMessageHeaders", out _));
    }

    [Fact]
    public async Task TheEditedTextSavedToDraftsCarriesThePlayHeaderSoItIsCounted()
    {
        _graph.AddConversation("conv-tracked-edit", 4, DateTimeOffset.UtcNow.AddDays(-8), lastFromMe: true);
        _graph.AddConversation("conv-untracked-edit", 4, DateTimeOffset.UtcNow.AddDays(-8), lastFromMe: true);
        using var client = NewUser();
        var templateId = Guid.NewGuid();

        using var tracked = await client.PostAsJsonAsync("/api/drafts/outlook",
            new { conversationId = "conv-tracked-edit", subject = "Still with you?", bodyText = "Hi Jordan,\n\nMy own words.\n\nAlex", kind = "urgency-test", templateId });
        using var untracked = await client.PostAsJsonAsync("/api/drafts/outlook",
            new { conversationId = "conv-untracked-edit", subject = "Still with you?", bodyText = "Hi Jordan,\n\nMy own words.\n\nAlex" });

        Assert.Equal(HttpStatusCode.Created, tracked.StatusCode);
        var create = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "POST" && r.Path == "/v1.0/me/messages/conv-tracked-edit-m003/createReplyAll");
        var message = JsonDocument.Parse(create.Body).RootElement.EnumerateObject().Single(p => p.NameEquals("Message") || p.NameEquals("message")).Value;
        var header = Assert.Single(message.GetProperty("internetMessageHeaders").EnumerateArray());
        Assert.Equal("X-GhostAssist-Play", header.GetProperty("name").GetString());
        var value = header.GetProperty("value").GetString()!;
        Assert.StartsWith("urgency-test; situation=", value, StringComparison.Ordinal);
        Assert.EndsWith($"; template={templateId:N}", value, StringComparison.Ordinal);
        // The marker is what the outcomes reader counts: it reads back as the play and template sent.
        var marker = GhostAssist.Api.Outcomes.TrackingMarker.Parse(value);
        Assert.Equal(("urgency-test", templateId.ToString("N")), (marker?.Play, marker?.TemplateKey));
        // The text is still the user's own, written after creation.
        var patch = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "PATCH" && r.Path == "/v1.0/me/messages/draft-conv-tracked-edit-m003");
        Assert.Contains("My own words.", JsonDocument.Parse(patch.Body).RootElement.GetProperty("body").GetProperty("content").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, untracked.StatusCode);
        var plain = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "POST" && r.Path == "/v1.0/me/messages/conv-untracked-edit-m003/createReplyAll");
        Assert.DoesNotContain("X-GhostAssist-Play", plain.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithTrackingOffTheEditedTextSavedToDraftsHasNoHeader()
    {
        _graph.AddConversation("conv-untracked-user-edit", 4, DateTimeOffset.UtcNow.AddDays(-8), lastFromMe: true);
        using var client = NewUser();
        using (var off = await client.PutAsJsonAsync("/api/me/settings", new { tracking = false }))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        using var response = await client.PostAsJsonAsync("/api/drafts/outlook",
            new { conversationId = "conv-untracked-user-edit", bodyText = "Hi Jordan,\n\nMy own words.\n\nAlex", kind = "urgency-test" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var create = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "POST" && r.Path == "/v1.0/me/messages/conv-untracked-user-edit-m003/createReplyAll");
        Assert.DoesNotContain("X-GhostAssist-Play", create.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithTrackingOffTheSavedDraftHasNoHeader()
    {
        _graph.AddConversation("conv-untracked-draft", 4, DateTimeOffset.UtcNow.AddDays(-8), lastFromMe: true);
        using var client = NewUser();
        using (var off = await client.PutAsJsonAsync("/api/me/settings", new { tracking = false }))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-untracked-draft", kind = "worried-check-in", saveToOutlook = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var create = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "POST" && r.Path == "/v1.0/me/messages/conv-untracked-draft-m003/createReplyAll");
        Assert.DoesNotContain("X-GhostAssist-Play", create.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RemindMeFlagsTheNewestMessageWithTheDueDateAndAReminder()
    {
        _graph.AddConversation("conv-remind", 3, DateTimeOffset.UtcNow.AddDays(-6), lastFromMe: true);
        using var client = NewUser();
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5);

        using var response = await client.PostAsJsonAsync("/api/reminders", new { conversationId = "conv-remind", dueDate = due, timeZone = "America/New_York" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patch = Assert.Single(_graph.Microsoft.GraphRequests, r => r.Method == "PATCH" && r.Path == "/v1.0/me/messages/conv-remind-m002");
        Assert.StartsWith("Bearer graph-obo-", patch.Headers["Authorization"], StringComparison.Ordinal);
        var body = JsonDocument.Parse(patch.Body).RootElement;
        var flag = body.GetProperty("flag");
        Assert.Equal("flagged", flag.GetProperty("flagStatus").GetString());
        Assert.StartsWith(due.ToString("yyyy-MM-dd"), flag.GetProperty("dueDateTime").GetProperty("dateTime").GetString(), StringComparison.Ordinal);
        Assert.Equal("America/New_York", flag.GetProperty("dueDateTime").GetProperty("timeZone").GetString());
        Assert.True(flag.TryGetProperty("startDateTime", out _));
        var properties = body.GetProperty("singleValueExtendedProperties").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("value").GetString());
        Assert.Equal("true", properties["Boolean {00062008-0000-0000-C000-000000000046} Id 0x8503"]);
        // 09:00 in New York on the due date, in UTC.
        var nine = new DateTimeOffset(due.ToDateTime(new TimeOnly(9, 0)), TimeZoneInfo.FindSystemTimeZoneById("America/New_York").GetUtcOffset(due.ToDateTime(new TimeOnly(9, 0))));
        Assert.Equal(nine.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), properties["SystemTime {00062008-0000-0000-C000-000000000046} Id 0x8502"]);

        var read = await client.GetFromJsonAsync<JsonElement>("/api/reminders/conv-remind");
        Assert.Equal(due.ToString("yyyy-MM-dd"), read.GetProperty("dueDate").GetString());
        Assert.Equal("graph", read.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task ARealReplyToATrackedFollowUpIsCountedAsRecovered()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-12);
        _graph.PutConversation("conv-outcome-reply",
            GraphFixture.Message("conv-outcome-reply-m0", "conv-outcome-reply", FakeMicrosoft.UserEmail, GraphFixture.Customer, start, "Hi Jordan, here is the renewal quote. Could you confirm by Friday?"),
            Tracked(GraphFixture.Message("conv-outcome-reply-m1", "conv-outcome-reply", FakeMicrosoft.UserEmail, GraphFixture.Customer, start.AddDays(4), "Hi Jordan, shall we meet on Thursday at 10:00?"), "calendar-invite; situation=days-silent"),
            GraphFixture.Message("conv-outcome-reply-m2", "conv-outcome-reply", GraphFixture.Customer, FakeMicrosoft.UserEmail, start.AddDays(5), "Hi, Thursday works for me."));
        using var client = NewUser();

        using (var analysis = await client.GetAsync("/api/threads/conv-outcome-reply/analysis"))
        {
            Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
        }

        var invites = (await client.GetFromJsonAsync<JsonElement>("/api/outcomes")).GetProperty("plays").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "calendar-invite");
        Assert.Equal(1, invites.GetProperty("sent").GetInt32());
        Assert.Equal(1, invites.GetProperty("recovered").GetInt32());
        Assert.Equal(0, invites.GetProperty("recoveredByMeeting").GetInt32());
        Assert.Equal(1, invites.GetProperty("medianDaysToComeBack").GetInt32());
    }

    [Fact]
    public async Task AnAcceptedMeetingWithinAWeekIsCountedAsRecoveredByMeeting()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-12);
        var accepted = GraphFixture.Message("conv-outcome-meeting-m2", "conv-outcome-meeting", GraphFixture.Customer, FakeMicrosoft.UserEmail, start.AddDays(6), "");
        accepted["@odata.type"] = "#microsoft.graph.eventMessageResponse";
        accepted["subject"] = "Accepted: Renewal of the Fabrikam licence";
        accepted["meetingMessageType"] = "meetingAccepted";
        accepted["responseType"] = "accepted";
        accepted["body"] = new { contentType = "html", content = "<html><body></body></html>" };
        accepted["uniqueBody"] = new { contentType = "html", content = "<html><body></body></html>" };
        _graph.PutConversation("conv-outcome-meeting",
            GraphFixture.Message("conv-outcome-meeting-m0", "conv-outcome-meeting", FakeMicrosoft.UserEmail, GraphFixture.Customer, start, "Hi Jordan, here is the renewal quote. Could you confirm by Friday?"),
            Tracked(GraphFixture.Message("conv-outcome-meeting-m1", "conv-outcome-meeting", FakeMicrosoft.UserEmail, GraphFixture.Customer, start.AddDays(3), "Hi Jordan, I've sent an invite for Thursday at 10:00."), "calendar-invite; situation=no-mutual-next-step"),
            accepted);
        using var client = NewUser();

        using (var analysis = await client.GetAsync("/api/threads/conv-outcome-meeting/analysis"))
        {
            Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
        }

        var figures = await client.GetFromJsonAsync<JsonElement>("/api/outcomes");
        var invites = figures.GetProperty("plays").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "calendar-invite");
        Assert.Equal(1, invites.GetProperty("recovered").GetInt32());
        Assert.Equal(1, invites.GetProperty("recoveredByMeeting").GetInt32());
        Assert.Equal(3, invites.GetProperty("medianDaysToComeBack").GetInt32());
        Assert.Contains(figures.GetProperty("situations").EnumerateArray(), s => s.GetProperty("key").GetString() == "no-mutual-next-step");
    }

    [Fact]
    public async Task TheRadarCountsAnAnsweredFollowUpWithoutTheThreadBeingOpened()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-5);
        _graph.PutConversation("conv-outcome-radar",
            GraphFixture.Message("conv-outcome-radar-m0", "conv-outcome-radar", FakeMicrosoft.UserEmail, GraphFixture.Customer, start, "Hi Jordan, here is the renewal quote. Could you confirm by Friday?"),
            Tracked(GraphFixture.Message("conv-outcome-radar-m1", "conv-outcome-radar", FakeMicrosoft.UserEmail, GraphFixture.Customer, start.AddDays(2), "Hi Jordan, is the renewal still a priority?"), "worried-check-in; situation=days-silent"),
            GraphFixture.Message("conv-outcome-radar-m2", "conv-outcome-radar", GraphFixture.Customer, FakeMicrosoft.UserEmail, start.AddDays(2).AddHours(3), "Hi, yes it is. We sign on Monday."));
        using var client = NewUser();

        var radar = await client.GetFromJsonAsync<JsonElement>("/api/threads");

        var row = Assert.Single(radar.EnumerateArray(), r => r.GetProperty("conversationId").GetString() == "conv-outcome-radar");
        Assert.False(row.GetProperty("awaitingThem").GetBoolean());
        var checkIns = (await client.GetFromJsonAsync<JsonElement>("/api/outcomes")).GetProperty("plays").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "worried-check-in");
        Assert.Equal(1, checkIns.GetProperty("recovered").GetInt32());
        Assert.Equal(1, checkIns.GetProperty("medianDaysToComeBack").GetInt32());
    }
}
