using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Outcomes;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GhostAssist.Api.Tests.Outcomes.OutcomeThreads;

namespace GhostAssist.Api.Tests.Outcomes;

/// <summary>Whether a tracked follow-up brought the contact back, read from the thread alone.</summary>
public sealed class OutcomeReaderTests : IClassFixture<OutcomeReaderTests.ClockFactory>
{
    private static readonly DateTimeOffset Sent = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly ClockFactory _factory;

    public OutcomeReaderTests(ClockFactory factory) => _factory = factory;

    /// <summary>The app's own analyzer (auto-replies, our side) on a clock the test sets.</summary>
    public sealed class ClockFactory : GhostAssistFactory
    {
        public ClockFactory() : base(new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(Clock))
        {
        }

        public static MovableClock Clock { get; } = new(DateTimeOffset.UtcNow);
    }

    private IReadOnlyList<TrackedFollowUp> Read(DateTimeOffset now, params GraphMessage[] messages)
    {
        var thread = new MailThread("conv-1", Me, messages.Select(m => m with { ConversationId = "conv-1" }).ToArray());
        lock (ClockFactory.Clock)
        {
            ClockFactory.Clock.Now = now;
            var analysis = _factory.Services.GetRequiredService<ThreadAnalyzer>().Analyze(Me, thread.Messages, "conv-1");
            return OutcomeReader.Read(thread, analysis, now);
        }
    }

    private static GraphMessage Proposal => Ours("m0", Sent.AddDays(-14), "Hi Riley,\n\nHere is the renewal proposal. Could you confirm by Friday?\n\nSam");

    [Fact]
    public void ARealReplyOnDayTwoRecoversTheFollowUp()
    {
        var tracked = Assert.Single(Read(Sent.AddDays(10),
            Proposal,
            Ours("m1", Sent, "Hi Riley,\n\nShall we meet on Thursday at 10:00 to go through it?\n\nSam", "calendar-invite; situation=days-silent"),
            Theirs("m2", Sent.AddHours(30), "Hi Sam,\n\nThursday works. Speak then.\n\nRiley")));

        Assert.Equal(OutcomeStates.Recovered, tracked.State);
        Assert.Equal(2, tracked.Day);
        Assert.False(tracked.ByMeeting);
        Assert.Equal(new TrackingMarker.Marker("calendar-invite", "days-silent", ""), tracked.Marker);
    }

    [Fact]
    public void AnAutoReplyIsNotTheContactComingBack()
    {
        var tracked = Assert.Single(Read(Sent.AddDays(3),
            Proposal,
            Ours("m1", Sent, "Hi Riley,\n\nIs the renewal still a priority?\n\nSam", "worried-check-in"),
            Theirs("m2", Sent.AddMinutes(1), "I am out of the office until Monday with no access to email.", subject: "Automatic reply: Fabrikam renewal", autoReply: true)));

        Assert.Equal(OutcomeStates.Pending, tracked.State);
        Assert.Null(tracked.CameBackAt);
    }

    [Fact]
    public void AnAcceptedMeetingWithinAWeekRecoversTheFollowUp()
    {
        var tracked = Assert.Single(Read(Sent.AddDays(9),
            Proposal,
            Ours("m1", Sent, "Hi Riley,\n\nI've sent an invite for Thursday at 10:00.\n\nSam", "calendar-invite; situation=no-mutual-next-step"),
            Theirs("m2", Sent.AddDays(5).AddHours(1), "", subject: "Accepted: Fabrikam renewal", meeting: "meetingAccepted") with { Body = new GraphItemBody { ContentType = "html", Content = "<html><body></body></html>" } }));

        Assert.Equal(OutcomeStates.Recovered, tracked.State);
        Assert.True(tracked.ByMeeting);
        Assert.Equal(6, tracked.Day);
    }

    [Fact]
    public void AReplyAfterSevenDaysIsMissed()
    {
        var tracked = Assert.Single(Read(Sent.AddDays(20),
            Proposal,
            Ours("m1", Sent, "Hi Riley,\n\nIs the renewal still a priority?\n\nSam", "worried-check-in"),
            Theirs("m2", Sent.AddDays(8), "Hi Sam,\n\nSorry, back now. Yes it is.\n\nRiley")));

        Assert.Equal(OutcomeStates.Missed, tracked.State);
    }

    [Fact]
    public void AFollowUpWithinItsWeekAndNoReplyIsPending()
    {
        var tracked = Assert.Single(Read(Sent.AddDays(6), Proposal, Ours("m1", Sent, "Hi Riley,\n\nAny news?\n\nSam", "urgency-test")));

        Assert.Equal(OutcomeStates.Pending, tracked.State);
    }

    [Fact]
    public void TheLaterFollowUpTakesTheCreditForTheReply()
    {
        var tracked = Read(Sent.AddDays(10),
            Proposal,
            Ours("m1", Sent, "Hi Riley,\n\nAny news?\n\nSam", "worried-check-in"),
            Ours("m2", Sent.AddDays(2), "Hi Riley,\n\nShall we meet on Thursday?\n\nSam", "calendar-invite"),
            Theirs("m3", Sent.AddDays(3), "Hi Sam,\n\nThursday is fine.\n\nRiley"));

        Assert.Equal([OutcomeStates.Missed, OutcomeStates.Recovered], tracked.Select(t => t.State));
        Assert.Equal(1, tracked[1].Day);
    }

    [Theory]
    [InlineData("not-a-play; situation=days-silent")]
    [InlineData("")]
    public void AHeaderThatIsNotOursIsIgnored(string value)
    {
        Assert.Empty(Read(Sent.AddDays(10), Proposal, Ours("m1", Sent, "Hi Riley,\n\nAny news?\n\nSam", value)));
    }

    [Fact]
    public void TheirMessageCarryingTheHeaderIsNotOurFollowUp()
    {
        var forged = Theirs("m1", Sent, "Hi Sam,\n\nA question about the invoice.\n\nRiley") with
        {
            InternetMessageHeaders = [new GraphInternetMessageHeader { Name = "X-GhostAssist-Play", Value = "calendar-invite" }],
        };

        Assert.Empty(Read(Sent.AddDays(10), Proposal, forged));
    }

    [Fact]
    public void AMangledSituationAndTemplateBecomeNoneAndNoTemplate()
    {
        var marker = TrackingMarker.Parse("Calendar-Invite; situation=<script>; template=not-a-guid");

        Assert.Equal(new TrackingMarker.Marker("calendar-invite", "none", ""), marker);
        var id = Guid.NewGuid();
        Assert.Equal(new TrackingMarker.Marker("urgency-test", "days-silent", id.ToString("N")), TrackingMarker.Parse(TrackingMarker.Format("urgency-test", "days-silent", id)));
    }
}
