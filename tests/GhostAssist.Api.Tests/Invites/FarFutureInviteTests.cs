using System.Net;
using System.Net.Http.Json;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;
using static GhostAssist.Api.Tests.Invites.InviteTestKit;

namespace GhostAssist.Api.Tests.Invites;

public sealed class FarFutureInviteTests
{
    private static readonly object[] ToDana = [new { address = Dana }];

    [Fact]
    public async Task ProposalsForAWindowAtTheEndOfTimeAreABadRequestNotAnError()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new { windowStart = "9999-12-30T00:00:00Z", attendees = ToDana });

        await AssertProblem(response, HttpStatusCode.BadRequest, "windowStart is more than 5 years ahead");
    }

    [Theory]
    [InlineData("/api/invites")]
    [InlineData("/api/invites/preview")]
    public async Task AnInviteAtTheEndOfTimeIsABadRequestNotAnError(string path)
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(path, new { slot = new { start = "9999-12-31T23:00:00Z", end = "9999-12-31T23:30:00Z" }, attendees = ToDana });

        await AssertProblem(response, HttpStatusCode.BadRequest, "slot.start is more than 5 years ahead");
    }

    [Fact]
    public async Task AnInviteNextYearIsStillCreated()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites", new { slot = new { start = Monday.AddYears(1).AddHours(2), end = Monday.AddYears(1).AddHours(2.5) }, attendees = ToDana });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
