using System.Net;
using System.Net.Http.Json;
using GhostAssist.Api.Tests.Infrastructure;
using static GhostAssist.Api.Tests.Invites.InviteTestKit;

namespace GhostAssist.Api.Tests.Invites;

public sealed class IcsReadBackTests
{
    [Fact]
    public async Task EveryStoredInviteIsReadBackByTheStrictReaderAndIcalNetWhenTheApiCloses()
    {
        var before = GhostAssistFactory.IcsFilesRead;
        var factory = Factory(Monday);
        using (var client = factory.CreateClient())
        {
            using var created = await client.PostAsJsonAsync("/api/invites", new
            {
                slot = new { start = Monday.AddDays(1).AddHours(2), end = Monday.AddDays(1).AddHours(2.5) },
                attendees = new[] { new { address = Dana, name = "Smith, Dana" } },
                subject = "Proposal; pricing, next steps",
                body = "Line one\nLine two, with a comma; and a semicolon.",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await factory.DisposeAsync();

        // Other tests' factories may close at the same time, so at least this one's file was read.
        Assert.True(GhostAssistFactory.IcsFilesRead > before);
    }
}
