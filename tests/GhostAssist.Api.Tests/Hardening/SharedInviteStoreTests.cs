using System.Net;
using System.Net.Http.Json;
using GhostAssist.Api.Tests.Infrastructure;
using GhostAssist.Api.Tests.Invites;

namespace GhostAssist.Api.Tests.Hardening;

/// <summary>Demo invites live in the template store's database: one per key across instances, and a cap per user.</summary>
public sealed class SharedInviteStoreTests
{
    [Fact]
    public async Task ADoubleClickLandingOnTwoInstancesGivesOneInvite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ghostassist-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var shared = new Dictionary<string, string?> { ["Templates:SqlitePath"] = Path.Combine(folder, "shared.db") };
        await using var first = InviteTestKit.Factory(InviteTestKit.Monday, settings: shared);
        await using var second = InviteTestKit.Factory(InviteTestKit.Monday, settings: shared);
        using var one = first.CreateClient();
        using var two = second.CreateClient();
        var start = InviteTestKit.Monday.AddDays(1).AddHours(6);
        var request = new { slot = new { start, end = start.AddMinutes(30) }, attendees = new[] { new { address = InviteTestKit.Dana } }, idempotencyKey = "click-both" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? one : two).PostAsJsonAsync("/api/invites", request)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, first.StoredInvites());
        Assert.Equal(1, second.StoredInvites());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task InvitesPastTheCapRemoveTheOldestNotTheNewest()
    {
        await using var factory = InviteTestKit.Factory(InviteTestKit.Monday, settings: new Dictionary<string, string?> { ["Invites:MaxStoredPerUser"] = "3" });
        using var client = factory.CreateClient();
        using var proposals = await client.PostAsJsonAsync("/api/invites/proposals", new { attendees = new[] { new { address = InviteTestKit.Dana } } });
        var start = (await proposals.ReadJson()).GetProperty("slots")[0].GetProperty("start").GetDateTimeOffset();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/invites", new { slot = new { start, end = start.AddMinutes(30) }, attendees = new[] { new { address = InviteTestKit.Dana } }, idempotencyKey = $"cap-{i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.ReadJson()).GetProperty("id").GetString()!);
        }

        Assert.Equal(3, factory.StoredInvites());
        using var newest = await client.GetAsync($"/api/invites/{ids[^1]}.ics");
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
    }
}
