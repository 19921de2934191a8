using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GhostAssist.Api.Tests.Invites;

/// <summary>A clock that stays where the test put it.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

public static class InviteTestKit
{
    /// <summary>Monday 23 November 2026, 08:00 in London (GMT).</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public const string Me = "alex.morgan@ghostassist.example";
    public const string Dana = "dana.smith@contoso.example";

    public static GhostAssistFactory Factory(DateTimeOffset now, bool testUsers = false, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        GhostAssistFactory.Create(
            settings ?? new Dictionary<string, string?>(),
            s =>
            {
                s.AddSingleton<TimeProvider>(new FixedClock(now));
                services?.Invoke(s);
            },
            testUsers);

    /// <summary>A thread in Graph's shape: we proposed, Dana answered once, we chased.</summary>
    public static GraphMessage[] Thread() =>
    [
        new()
        {
            Id = "m1", ConversationId = "conv-1", Subject = "Proposal for Contoso",
            From = GraphRecipient.Of(Me, "Alex Morgan"), ToRecipients = [GraphRecipient.Of(Dana, "Dana Smith")],
            SentDateTime = Monday.AddDays(-20), Body = new GraphItemBody { ContentType = "text", Content = "Here is the proposal." },
        },
        new()
        {
            Id = "m2", ConversationId = "conv-1", Subject = "RE: Proposal for Contoso",
            From = GraphRecipient.Of(Dana, "Dana Smith"), ToRecipients = [GraphRecipient.Of(Me, "Alex Morgan")],
            SentDateTime = Monday.AddDays(-18), Body = new GraphItemBody { ContentType = "text", Content = "Thanks, I will look at it." },
        },
        new()
        {
            Id = "m3", ConversationId = "conv-1", Subject = "RE: Proposal for Contoso",
            From = GraphRecipient.Of(Me, "Alex Morgan"), ToRecipients = [GraphRecipient.Of(Dana, "Dana Smith")],
            SentDateTime = Monday.AddDays(-7), Body = new GraphItemBody { ContentType = "text", Content = "Any thoughts?" },
        },
    ];

    /// <summary>The demo invites in the store (the template store's database), for "exactly one" and "nothing written" checks.</summary>
    public static int StoredInvites(this GhostAssistFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<GhostAssist.Api.Invites.InvitesDb>().Invites.Count();
    }

    public static async Task<JsonElement> ReadJson(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static DateTimeOffset Instant(this JsonElement element, string name) =>
        element.GetProperty(name).GetDateTimeOffset();
}
