using System.Globalization;
using System.Net;
using System.Text.Json;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GhostAssist.Api.Tests.Demo;

public sealed class DemoMailboxTests(GhostAssistFactory factory) : IClassFixture<GhostAssistFactory>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    // Early morning (before the newest authored message's time of day), evening, a leap day, a year end.
    public static TheoryData<string> OtherNows =>
    [
        "2031-02-03T06:15:00Z",
        "2027-06-15T18:30:00Z",
        "2028-02-29T12:00:00Z",
        "2029-12-31T23:59:00Z",
    ];

    [Fact]
    public async Task ThreadListShowsAtLeastTenDemoThreads()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/api/threads");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.True(items.Count >= 10, $"expected at least 10 demo threads, got {items.Count}");
        var ids = items.Select(i => i.GetProperty("conversationId").GetString()).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("subject").GetString())));
    }

    [Fact]
    public async Task ThreadListFollowsTheInjectedClock()
    {
        var now = DateTimeOffset.Parse("2030-04-10T14:00:00Z", CultureInfo.InvariantCulture);
        await using var later = GhostAssistFactory.Create(new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(new FixedTime(now)));
        using var client = later.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/threads"));

        var newest = json.RootElement.EnumerateArray()
            .Where(i => i.TryGetProperty("lastMessageAt", out _))
            .Max(i => i.GetProperty("lastMessageAt").GetDateTimeOffset());
        Assert.InRange(newest, now.AddDays(-2), now);
    }

    [Fact]
    public async Task EveryMessageIsInThePastAndTheNewestArrivedWithinTwoDays()
    {
        var mailbox = factory.Services.GetRequiredService<DemoMailbox>();
        var now = DateTimeOffset.UtcNow;
        var messages = (await mailbox.GetRecentThreadsAsync(CancellationToken.None)).SelectMany(t => t.Messages).ToList();

        Assert.All(messages, m => Assert.True(m.SentDateTime <= now && m.ReceivedDateTime <= now, $"{m.Id} is dated in the future"));
        Assert.InRange(messages.Max(m => m.SentDateTime!.Value), now.AddDays(-2), now);
    }

    [Theory]
    [MemberData(nameof(OtherNows))]
    public async Task AtAnotherNowTheNewestMessageLandsWithinADayBeforeIt(string nowText)
    {
        var now = DateTimeOffset.Parse(nowText, CultureInfo.InvariantCulture);
        var threads = await new DemoMailbox(new FixedTime(now)).GetRecentThreadsAsync(CancellationToken.None);
        var messages = threads.SelectMany(t => t.Messages).ToList();

        Assert.All(messages, m => Assert.True(m.SentDateTime <= now && m.ReceivedDateTime <= now, $"{m.Id} is dated after {now:u}"));
        Assert.InRange(messages.Max(m => m.SentDateTime!.Value), now.AddDays(-1), now);
        // Gaps between messages are kept: the story's "days silent" is the same at any now.
        var authored = await new DemoMailbox(new FixedTime(now.AddDays(37))).GetRecentThreadsAsync(CancellationToken.None);
        Assert.Equal(
            threads.SelectMany(t => t.Messages).Select(m => (m.Id, m.SentDateTime!.Value.AddDays(37))).OrderBy(x => x.Id),
            authored.SelectMany(t => t.Messages).Select(m => (m.Id, m.SentDateTime!.Value)).OrderBy(x => x.Id));
    }

    [Theory]
    [MemberData(nameof(OtherNows))]
    public async Task DatesAndMonthsInTextsAgreeWithTheShiftedDates(string nowText)
    {
        var now = DateTimeOffset.Parse(nowText, CultureInfo.InvariantCulture);
        var mailbox = new DemoMailbox(new FixedTime(now));
        var thread = await mailbox.GetThreadAsync("demo-harrowgate-proposal", CancellationToken.None);

        Assert.NotNull(thread);
        var proposal = thread.Messages.Single(m => m.Id == "demo-harrowgate-proposal-m03");
        var chase = thread.Messages.Single(m => m.Id == "demo-harrowgate-proposal-m04");
        // The reply quotes the proposal under an Outlook header carrying the proposal's own (shifted) date.
        Assert.Contains($"<b>Sent:</b> {proposal.SentDateTime!.Value.UtcDateTime.ToString("dddd, MMMM d, yyyy h:mm tt", English)}<br>", chase.Body!.Content);
        // "Decide this month" was authored in the newest message's month: it names the month the mailbox lands in.
        var newest = (await mailbox.GetRecentThreadsAsync(CancellationToken.None)).SelectMany(t => t.Messages).Max(m => m.SentDateTime!.Value);
        var decideMonth = newest.UtcDateTime.ToString("MMMM", English);
        Assert.Contains($"make a decision in {decideMonth}", thread.Messages[1].Body!.Content);
    }

    [Theory]
    [MemberData(nameof(OtherNows))]
    public async Task NoDateTokenIsLeftInAnyText(string nowText)
    {
        var threads = await new DemoMailbox(new FixedTime(DateTimeOffset.Parse(nowText, CultureInfo.InvariantCulture))).GetRecentThreadsAsync(CancellationToken.None);

        foreach (var message in threads.SelectMany(t => t.Messages))
        {
            string?[] texts = [message.Subject, message.BodyPreview, message.Body?.Content, message.UniqueBody?.Content, .. message.InternetMessageHeaders?.Select(h => h.Value) ?? []];
            Assert.All(texts, text => Assert.False(text is not null && (text.Contains("{{") || text.Contains("}}")), $"{message.Id} holds an unresolved token: {text}"));
        }
    }

    [Fact]
    public async Task EveryMessageHasIdsSenderRecipientsDateAndBody()
    {
        var threads = await factory.Services.GetRequiredService<DemoMailbox>().GetRecentThreadsAsync(CancellationToken.None);

        Assert.True(threads.Count >= 12, $"expected at least 12 demo threads, got {threads.Count}");
        Assert.Equal(threads.Count, threads.Select(t => t.ConversationId).Distinct().Count());
        var messages = threads.SelectMany(t => t.Messages.Select(m => (Thread: t, Message: m))).ToList();
        Assert.Equal(messages.Count, messages.Select(x => x.Message.Id).Distinct().Count());
        Assert.All(messages, x =>
        {
            var (thread, m) = x;
            Assert.Equal(DemoMailbox.Me, thread.Me);
            Assert.False(string.IsNullOrWhiteSpace(m.Id));
            Assert.Equal(thread.ConversationId, m.ConversationId);
            Assert.False(string.IsNullOrWhiteSpace(m.Subject), m.Id);
            Assert.Contains("@", m.From?.EmailAddress?.Address ?? "");
            Assert.False(string.IsNullOrWhiteSpace(m.From?.EmailAddress?.Name), m.Id);
            Assert.NotEmpty(m.ToRecipients ?? []);
            Assert.NotNull(m.SentDateTime);
            Assert.NotNull(m.ReceivedDateTime);
            Assert.Contains(m.Body?.ContentType, new[] { "text", "html" });
            Assert.False(string.IsNullOrWhiteSpace(m.Body?.Content), m.Id);
        });
        // Messages are in the order they were sent.
        Assert.All(threads, t => Assert.Equal(t.Messages.OrderBy(m => m.SentDateTime), t.Messages));
    }

    [Fact]
    public async Task OurSideIsTheDemoUserWhoWroteInEveryThread()
    {
        var mailbox = factory.Services.GetRequiredService<DemoMailbox>();
        var threads = await mailbox.GetRecentThreadsAsync(CancellationToken.None);

        Assert.Equal("alex.morgan@ghostassist.example", await mailbox.GetMeAsync(CancellationToken.None));
        Assert.All(threads, t => Assert.Contains(t.Messages, m => m.From!.EmailAddress!.Address == DemoMailbox.Me));
        var ourSideOnly = threads.Where(t => t.Messages.All(m => m.From!.EmailAddress!.Address!.EndsWith("@ghostassist.example", StringComparison.Ordinal))).ToList();
        // The never-replied intro, and a customer's mail that reached us forwarded by a colleague.
        Assert.Equal(["demo-aldermoor-renewal", "demo-quayside-intro"], ourSideOnly.Select(t => t.ConversationId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OutOfOfficeReplyIsMarkedAutoSubmitted()
    {
        var thread = await factory.Services.GetRequiredService<DemoMailbox>().GetThreadAsync("demo-saltmarsh-pilot", CancellationToken.None);

        Assert.NotNull(thread);
        var auto = Assert.Single(thread.Messages, m => m.Subject!.StartsWith("Automatic reply:", StringComparison.Ordinal));
        Assert.Contains(auto.InternetMessageHeaders ?? [], h => h.Name == "Auto-Submitted" && h.Value == "auto-replied");
        Assert.NotEqual(auto, thread.Messages[^1]);
    }

    [Fact]
    public async Task RepliesCarryQuotedHistoryAsOutlookAndGmailWriteIt()
    {
        var bodies = (await factory.Services.GetRequiredService<DemoMailbox>().GetRecentThreadsAsync(CancellationToken.None))
            .SelectMany(t => t.Messages).Select(m => m.Body!.Content!).ToList();

        Assert.Contains(bodies, b => b.Contains("id=\"divRplyFwdMsg\"") && b.Contains("id=\"appendonsend\""));
        Assert.Contains(bodies, b => b.Contains("border-top:solid #E1E1E1 1.0pt"));
        Assert.Contains(bodies, b => b.Contains("class=\"gmail_quote") && b.Contains(" wrote:<br>"));
        Assert.Contains(bodies, b => b.Contains("<b>Von:</b>") && b.Contains("<b>Gesendet:</b>"));
        Assert.Contains(bodies, b => !b.StartsWith('<') && b.Contains(" wrote:\n\n> "));
    }

    [Fact]
    public async Task GermanClientHeaderNamesTheDayInGerman()
    {
        var now = DateTimeOffset.Parse("2027-06-15T18:30:00Z", CultureInfo.InvariantCulture);
        var thread = await new DemoMailbox(new FixedTime(now)).GetThreadAsync("demo-hanse-cfo", CancellationToken.None);

        Assert.NotNull(thread);
        var proposalSent = thread.Messages[0].SentDateTime!.Value.UtcDateTime;
        Assert.Contains($"<b>Gesendet:</b> {proposalSent.ToString("dddd, d. MMMM yyyy HH:mm", CultureInfo.GetCultureInfo("de"))}<br>", thread.Messages[1].Body!.Content);
    }

    [Fact]
    public async Task UnknownConversationIsNotInTheMailbox()
    {
        var mailbox = factory.Services.GetRequiredService<DemoMailbox>();

        Assert.Null(await mailbox.GetThreadAsync("no-such-conversation", CancellationToken.None));
        Assert.NotNull(await mailbox.GetThreadAsync("demo-tidewater-next-step", CancellationToken.None));
    }

    [Fact]
    public async Task MailboxIsBuiltOnceForTheDay()
    {
        var mailbox = new DemoMailbox(new FixedTime(DateTimeOffset.Parse("2027-06-15T18:30:00Z", CultureInfo.InvariantCulture)));

        var first = await mailbox.GetRecentThreadsAsync(CancellationToken.None);
        var second = await mailbox.GetRecentThreadsAsync(CancellationToken.None);

        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("Due {{date:2025-13-40|d MMMM}}")]
    [InlineData("Due {{dat:2025-11-03|d MMMM}}")]
    [InlineData("Due {{month:2025-11-03|MMMM}}")]
    [InlineData("Due {{date:2025-11-03}}")]
    public void MalformedTokenIsRejected(string text)
    {
        Assert.Throws<InvalidOperationException>(() => DemoMailbox.ResolveTokens(text, 3, 0));
    }

    [Fact]
    public void TokensShiftByDaysAndMonths()
    {
        Assert.Equal(
            "Sign by Friday 28 November, live in January.",
            DemoMailbox.ResolveTokens("Sign by {{date:2025-11-25|dddd d MMMM}}, live in {{month:2025-12|MMMM}}.", 3, 1));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
