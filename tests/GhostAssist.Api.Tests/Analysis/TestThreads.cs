using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>Threads written for the analysis tests (the seeds' situations), and a clock fixed in time.</summary>
internal static class TestThreads
{
    public const string Me = "alex.morgan@ghostassist.example";

    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static readonly GraphRecipient Alex = GraphRecipient.Of(Me, "Alex Morgan");
    public static readonly GraphRecipient Dana = GraphRecipient.Of("dana.whitfield@northwind-traders.com", "Dana Whitfield");
    public static readonly GraphRecipient Priya = GraphRecipient.Of("priya.shah@northwind-traders.com", "Priya Shah");

    public static GraphMessage Text(string id, GraphRecipient from, GraphRecipient to, string when, string text, GraphRecipient[]? cc = null, string subject = "Re: Proposal and pricing") =>
        new()
        {
            Id = id,
            ConversationId = "conv-northwind",
            Subject = subject,
            From = from,
            ToRecipients = [to],
            CcRecipients = cc ?? [],
            SentDateTime = DateTimeOffset.Parse(when, System.Globalization.CultureInfo.InvariantCulture),
            Body = new GraphItemBody { ContentType = "text", Content = text },
        };

    /// <summary>Jodie's story: an engaged prospect, proposal and pricing sent, three chases, silence; the CIO was copied once.</summary>
    public static List<GraphMessage> Ghosted() =>
    [
        Text("m1", Alex, Dana, "2026-10-01T09:00:00Z", "Hi Dana,\n\nGreat to meet you. Shall we run a discovery workshop next Tuesday?\n\nBest,\nAlex", subject: "Proposal and pricing"),
        Text("m2", Dana, Alex, "2026-10-01T13:00:00Z",
            "Hi Alex,\n\nYes, Tuesday works. I've copied Priya Shah, our CIO, who will join the workshop.\n\nThanks,\nDana\n\nDana Whitfield\nVP Operations | Northwind Traders\n+1 555 0100\n\nOn Wed, Oct 1, 2026 at 9:00 AM Alex Morgan <alex.morgan@ghostassist.example> wrote:\n> Hi Dana,\n> Great to meet you.",
            cc: [Priya]),
        Text("m3", Alex, Dana, "2026-10-07T16:00:00Z", "Thanks for the workshop today. I'll put together the proposal and pricing.\n\nBest,\nAlex"),
        Text("m4", Dana, Alex, "2026-10-08T00:00:00Z",
            "Great session. Please email the proposal with pricing and we'll review it and get back to you. We want to make a decision by the end of the month.\n\nThanks,\nDana\n\n-----Original Message-----\nFrom: Alex Morgan\nSent: 7 October 2026 16:00\nTo: Dana Whitfield\nSubject: Proposal and pricing\n\nThanks for the workshop today."),
        Text("m5", Alex, Dana, "2026-10-09T10:00:00Z", "Hi Dana,\n\nAs promised, attached is the proposal and pricing. Could you confirm it has what you need?\n\nBest,\nAlex"),
        Text("m6", Alex, Dana, "2026-10-16T10:00:00Z", "Hi Dana,\n\nJust checking in on the proposal and pricing. Any questions?\n\nBest,\nAlex"),
        Text("m7", Alex, Dana, "2026-10-23T10:00:00Z", "Hi Dana,\n\nFollowing up on the proposal and pricing I sent. Happy to walk you through it.\n\nBest,\nAlex"),
        Text("m8", Alex, Dana, "2026-11-02T10:00:00Z", "Hi Dana,\n\nFollowing up on the proposal and pricing I sent on 9 October. Is a decision still planned?\n\nBest,\nAlex"),
    ];

    public static object Body(IEnumerable<GraphMessage> messages, string me = Me) => new { me, messages };

    public static void FixedClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));

    public static async Task<JsonElement> PostAnalysisAsync(HttpClient client, IEnumerable<GraphMessage> messages)
    {
        using var response = await client.PostAsJsonAsync("/api/analysis", Body(messages));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static IEnumerable<string> Codes(JsonElement analysis) =>
        analysis.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("code").GetString()!);

    public static IEnumerable<string> Plays(JsonElement analysis) =>
        analysis.GetProperty("recommended").EnumerateArray().Select(s => s.GetProperty("kind").GetString()!);

    public static JsonElement Signal(JsonElement analysis, string code) =>
        analysis.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("code").GetString() == code);
}

internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A factory whose clock is fixed at <see cref="TestThreads.Now"/>, shared by a test class.</summary>
public sealed class FixedClockFactory : Infrastructure.GhostAssistFactory
{
    public FixedClockFactory() : base(new Dictionary<string, string?>(), TestThreads.FixedClock)
    {
    }
}
