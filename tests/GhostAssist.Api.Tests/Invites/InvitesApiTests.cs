using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Invites;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;
using static GhostAssist.Api.Tests.Invites.InviteTestKit;

namespace GhostAssist.Api.Tests.Invites;

public sealed class InvitesApiTests
{
    private static readonly WorkingTime LondonDay = new(London, new TimeOnly(9, 0), new TimeOnly(17, 30));

    private static object WithDana() => new { attendees = new[] { new { address = Dana, name = "Dana Smith" } } };

    [Fact]
    public async Task ProposalsOfferThreeFreeHalfHoursInTheNextFiveBusinessDays()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", WithDana());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        Assert.Equal("Europe/London", json.GetProperty("timeZone").GetString());
        Assert.Equal(30, json.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("ics", json.GetProperty("provider").GetString());
        // The rest of Monday plus five business days: to Monday 30 November, 17:30 London.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 30, 0, TimeSpan.Zero), json.Instant("windowEnd"));
        var slots = json.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(3, slots.Count);
        var busy = DemoCalendar.Busy(LondonDay, Monday, Monday.AddDays(8));
        foreach (var slot in slots)
        {
            var start = slot.Instant("start");
            var end = slot.Instant("end");
            Assert.Equal(TimeSpan.FromMinutes(30), end - start);
            Assert.True(start >= Monday.AddHours(1), "at least an hour's notice");
            Assert.True(LondonDay.Contains(start, end), $"{start} is inside working hours on a business day");
            Assert.DoesNotContain(busy, b => b.Start < end && start < b.End);
            Assert.Equal(TimeZoneInfo.ConvertTime(start, London).ToString("yyyy-MM-dd'T'HH:mm:ss"), slot.GetProperty("startLocal").GetString());
            Assert.Contains("London time", slot.GetProperty("label").GetString());
        }

        Assert.Equal(3, slots.Select(s => s.Instant("start").Date).Distinct().Count());
        Assert.Equal(Dana, json.GetProperty("attendees")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task AnAutoReplyFromSomeoneElseDoesNotBecomeTheAttendee()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();
        GraphMessage autoReply = new()
        {
            Id = "m4", ConversationId = "conv-1", Subject = "Automatic reply: RE: Proposal for Contoso",
            From = GraphRecipient.Of("helpdesk@contoso.example", "Contoso Helpdesk"), ToRecipients = [GraphRecipient.Of(Me)],
            SentDateTime = Monday.AddDays(-7).AddMinutes(1),
            InternetMessageHeaders = [new GraphInternetMessageHeader { Name = "Auto-Submitted", Value = "auto-replied" }],
            Body = new GraphItemBody { ContentType = "text", Content = "I am out of the office until Monday." },
        };

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new { me = Me, messages = Thread().Append(autoReply) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attendee = Assert.Single((await response.ReadJson()).GetProperty("attendees").EnumerateArray());
        Assert.Equal(Dana, attendee.GetProperty("address").GetString());
    }

    [Fact]
    public async Task ConfiguredZoneAndWorkingHoursShapeTheProposals()
    {
        await using var factory = Factory(Monday, settings: new Dictionary<string, string?>
        {
            ["Invites:TimeZone"] = "America/New_York",
            ["Invites:WorkingHours:Start"] = "10:00",
            ["Invites:WorkingHours:End"] = "15:00",
        });
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", WithDana());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        Assert.Equal("America/New_York", json.GetProperty("timeZone").GetString());
        var newYork = new WorkingTime(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), new TimeOnly(10, 0), new TimeOnly(15, 0));
        var slots = json.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(3, slots.Count);
        Assert.All(slots, s => Assert.True(newYork.Contains(s.Instant("start"), s.Instant("end"))));
        Assert.All(slots, s => Assert.Contains("New York time", s.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task ProposalsInviteTheThreadsMainContactByDefault()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new { me = Me, messages = Thread() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attendee = Assert.Single((await response.ReadJson()).GetProperty("attendees").EnumerateArray());
        Assert.Equal(Dana, attendee.GetProperty("address").GetString());
        Assert.Equal("Dana Smith", attendee.GetProperty("name").GetString());
    }

    [Fact]
    public async Task DemoConversationInvitesItsContactAboutItsTopic()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var proposals = await client.PostAsJsonAsync("/api/invites/proposals", new { conversationId = "demo-harrowgate-proposal" });
        Assert.Equal(HttpStatusCode.OK, proposals.StatusCode);
        var json = await proposals.ReadJson();
        var attendee = Assert.Single(json.GetProperty("attendees").EnumerateArray());
        Assert.Equal("daniel.brooks@harrowgate-logistics.example", attendee.GetProperty("address").GetString());
        var slot = json.GetProperty("slots")[0];

        using var preview = await client.PostAsJsonAsync("/api/invites/preview", new
        {
            conversationId = "demo-harrowgate-proposal",
            slot = new { start = slot.Instant("start"), end = slot.Instant("end") },
        });

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var form = await preview.ReadJson();
        Assert.Equal("Proposal walk-through, 30 min", form.GetProperty("subject").GetString());
        Assert.Equal(slot.Instant("start"), form.Instant("start"));
        Assert.Equal("daniel.brooks@harrowgate-logistics.example", form.GetProperty("attendees")[0].GetProperty("address").GetString());
        Assert.StartsWith("<p>Hi Daniel,</p>", form.GetProperty("bodyHtml").GetString());
        Assert.Equal(0, factory.StoredInvites());
    }

    [Fact]
    public async Task PreviewEscapesHtmlInTheBodyAndTheGreeting()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var preview = await client.PostAsJsonAsync("/api/invites/preview", new
        {
            slot = new { start = Monday.AddDays(1).AddHours(2), end = Monday.AddDays(1).AddHours(2.5) },
            attendees = new[] { new { address = Dana, name = "<b>Dana</b> Smith" } },
        });
        using var custom = await client.PostAsJsonAsync("/api/invites/preview", new
        {
            slot = new { start = Monday.AddDays(1).AddHours(2), end = Monday.AddDays(1).AddHours(2.5) },
            attendees = new[] { new { address = Dana } },
            body = "Agenda <script>alert(1)</script>\n\nA & B",
        });

        Assert.StartsWith("<p>Hi &lt;b&gt;Dana&lt;/b&gt;,</p>", (await preview.ReadJson()).GetProperty("bodyHtml").GetString());
        var html = (await custom.ReadJson()).GetProperty("bodyHtml").GetString()!;
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("</p><p>A &amp; B</p>", html);
    }

    [Fact]
    public async Task ContactInNewYorkGetsTimesInsideTheirWorkingDayWithTheirLocalTimeShown()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals",
            new { attendees = new[] { new { address = Dana } }, attendeeTimeZone = "America/New_York", durationMinutes = 45 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var newYorkDay = new WorkingTime(newYork, new TimeOnly(9, 0), new TimeOnly(17, 30));
        foreach (var slot in json.GetProperty("slots").EnumerateArray())
        {
            Assert.True(slot.GetProperty("suitsAttendee").GetBoolean());
            Assert.True(newYorkDay.Contains(slot.Instant("start"), slot.Instant("end")));
            Assert.True(LondonDay.Contains(slot.Instant("start"), slot.Instant("end")));
            Assert.Contains("in New York", slot.GetProperty("label").GetString());
        }

        Assert.Contains("theirs", json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WeekBetweenTheTwoClockChangesUsesTheFourHourGap()
    {
        // London went back to GMT on 25 October 2026; New York stays on EDT until 1 November.
        var now = new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero);
        await using var factory = Factory(now);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new
        {
            attendees = new[] { new { address = Dana } },
            attendeeTimeZone = "America/New_York",
            windowEnd = new DateTimeOffset(2026, 10, 30, 17, 30, 0, TimeSpan.Zero),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        foreach (var slot in (await response.ReadJson()).GetProperty("slots").EnumerateArray())
        {
            var start = slot.Instant("start");
            Assert.Equal(TimeSpan.FromHours(-4), newYork.GetUtcOffset(start));
            Assert.Equal(TimeSpan.Zero, London.GetUtcOffset(start));
            // 09:00 in New York is 13:00 in London this week: nothing earlier suits both.
            Assert.True(start.TimeOfDay >= TimeSpan.FromHours(13), $"{start} is after 13:00 London");
            var theirs = TimeZoneInfo.ConvertTime(start, newYork);
            Assert.Contains($"({theirs:HH:mm}–{theirs.AddMinutes(30):HH:mm} in New York)", slot.GetProperty("label").GetString());
            Assert.Equal(start.ToString("yyyy-MM-dd'T'HH:mm:ss"), slot.GetProperty("startLocal").GetString());
        }
    }

    [Fact]
    public async Task ProposalsNeverStartInThePastOrWithoutNotice()
    {
        var now = new DateTimeOffset(2026, 11, 24, 13, 10, 0, TimeSpan.Zero);
        await using var factory = Factory(now);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals",
            new { attendees = new[] { new { address = Dana } }, windowStart = now.AddDays(-60), windowEnd = now.AddDays(2) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var starts = (await response.ReadJson()).GetProperty("slots").EnumerateArray().Select(s => s.Instant("start")).ToList();
        Assert.NotEmpty(starts);
        Assert.All(starts, s => Assert.True(s >= now.AddHours(1), $"{s} is at least an hour after now"));
        Assert.All(starts, s => Assert.Contains(TimeZoneInfo.ConvertTime(s, London).Minute, new[] { 0, 30 }));
    }

    [Fact]
    public async Task WeekendWindowIsNoFreeSlotProblemWithSuggestions()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new
        {
            attendees = new[] { new { address = Dana } },
            windowStart = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero),
            windowEnd = new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero),
        });

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "No free slot in the window");
        var suggestions = problem.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains(suggestions, s => s!.StartsWith("Widen the window", StringComparison.Ordinal));
        Assert.Contains(suggestions, s => s!.Contains("15 minutes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WindowCoveringOnlyBusyTimeIsNoFreeSlot()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        // Tuesday's lunch block in the demo calendar.
        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new
        {
            attendees = new[] { new { address = Dana } },
            windowStart = new DateTimeOffset(2026, 11, 24, 12, 30, 0, TimeSpan.Zero),
            windowEnd = new DateTimeOffset(2026, 11, 24, 13, 30, 0, TimeSpan.Zero),
        });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "No free slot in the window");
    }

    [Theory]
    [InlineData("{\"durationMinutes\":0,\"attendees\":[{\"address\":\"dana.smith@contoso.example\"}]}", 400, "between 15 and 240")]
    [InlineData("{\"durationMinutes\":600,\"attendees\":[{\"address\":\"dana.smith@contoso.example\"}]}", 400, "between 15 and 240")]
    [InlineData("{\"windowStart\":\"2026-11-26T10:00:00Z\",\"windowEnd\":\"2026-11-25T10:00:00Z\",\"attendees\":[{\"address\":\"dana.smith@contoso.example\"}]}", 400, "windowEnd must be after windowStart")]
    [InlineData("{\"windowStart\":\"2026-11-01T10:00:00Z\",\"windowEnd\":\"2026-11-02T10:00:00Z\",\"attendees\":[{\"address\":\"dana.smith@contoso.example\"}]}", 400, "already ended")]
    [InlineData("{\"windowEnd\":\"2027-06-01T10:00:00Z\",\"attendees\":[{\"address\":\"dana.smith@contoso.example\"}]}", 400, "at most 31 days")]
    [InlineData("{\"attendees\":[{\"name\":\"Dana\"}]}", 400, "attendees[0] has no address")]
    [InlineData("{\"attendees\":[{\"address\":\"not an address\"}]}", 400, "not a mail address")]
    [InlineData("{\"timeZone\":\"Mars/Olympus_Mons\",\"attendees\":[{\"address\":\"dana.smith@contoso.example\"}]}", 400, "not a time zone")]
    [InlineData("{\"attendeeTimeZone\":\"nowhere\",\"attendees\":[{\"address\":\"dana.smith@contoso.example\"}]}", 400, "attendeeTimeZone")]
    [InlineData("{}", 422, "No attendee")]
    [InlineData("{\"me\":\"alex.morgan@ghostassist.example\",\"messages\":[{\"id\":\"m1\",\"from\":{\"emailAddress\":{\"address\":\"alex.morgan@ghostassist.example\"}},\"sentDateTime\":\"2026-11-01T10:00:00Z\"}]}", 422, "No attendee")]
    [InlineData("{\"me\":\"not an address\",\"messages\":[{\"id\":\"m1\",\"from\":{\"emailAddress\":{\"address\":\"dana.smith@contoso.example\"}}}]}", 400, "\"me\" must be a plain email address")]
    [InlineData("{\"messages\":[null]}", 422, "no messages")]
    [InlineData("{\"durationMinutes\":\"long\"}", 400, "JSON")]
    [InlineData("{\"attendees\":[", 400, "JSON")]
    public async Task BadProposalRequestIsAClearProblem(string body, int status, string detail)
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/invites/proposals", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, (HttpStatusCode)status, detail);
    }

    [Fact]
    public async Task UnknownConversationIsNotFound()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new { conversationId = "no-such-conversation" });

        await AssertProblem(response, HttpStatusCode.NotFound, "no conversation");
    }

    [Fact]
    public async Task CreatedInviteIsAnIcsMeetingRequestTheStrictReaderAccepts()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();
        var slot = await FirstSlot(client);

        using var created = await client.PostAsJsonAsync("/api/invites", new { slot = new { start = slot.Start, end = slot.End }, me = Me, messages = Thread() });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invite = await created.ReadJson();
        var id = invite.GetProperty("id").GetString()!;
        Assert.Equal("ics", invite.GetProperty("provider").GetString());
        Assert.Equal($"/api/invites/{id}.ics", invite.GetProperty("icsUrl").GetString());
        Assert.Equal($"/api/invites/{id}.ics", created.Headers.Location?.OriginalString);
        Assert.False(invite.TryGetProperty("webLink", out _), "nulls are omitted");
        var subject = invite.GetProperty("subject").GetString()!;
        Assert.Equal("Proposal walk-through, 30 min", subject);
        Assert.InRange(subject.Split(' ').Length, 3, 4);

        using var file = await client.GetAsync($"/api/invites/{id}.ics");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/calendar", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", file.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".ics", file.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var calendar = StrictIcsReader.ParseMeetingRequest(await file.Content.ReadAsByteArrayAsync());
        var meeting = calendar.Child("VEVENT");
        Assert.Equal(slot.Start, StrictIcsReader.Instant(calendar, meeting.Single("DTSTART")));
        Assert.Equal(slot.End, StrictIcsReader.Instant(calendar, meeting.Single("DTEND")));
        Assert.Equal("Europe/London", meeting.Single("DTSTART").Param("TZID"));
        Assert.Equal(subject, meeting.Single("SUMMARY").Text);
        Assert.Equal(invite.GetProperty("bodyText").GetString(), meeting.Single("DESCRIPTION").Text);
        Assert.Equal($"mailto:{Me}", meeting.Single("ORGANIZER").Value);
        Assert.Equal("Alex Morgan", meeting.Single("ORGANIZER").Param("CN"));
        var attendee = Assert.Single(meeting.All("ATTENDEE"));
        Assert.Equal($"mailto:{Dana}", attendee.Value);
        Assert.Equal("Dana Smith", attendee.Param("CN"));
        Assert.Equal("REQ-PARTICIPANT", attendee.Param("ROLE"));
        Assert.Equal("NEEDS-ACTION", attendee.Param("PARTSTAT"));
        Assert.Equal($"{id}@ghostassist.invites", meeting.Single("UID").Value);
        Assert.Equal("20261123T080000Z", meeting.Single("DTSTAMP").Value);
    }

    [Fact]
    public async Task InviteBodyStatesTheOutcomeForThemAndAThreePointAgenda()
    {
        var facts = new ThreadFacts("Dana", "Dana Smith", Dana, "Contoso", "Alex", "Alex Morgan",
            LastTopic: "the rollout plan", LastAsk: null, StatedGoal: "go live before the audit",
            Deadline: null, NextStep: null, Postponement: null, Outcomes: ["I'd like 30 minutes to walk you through it", "cut onboarding from six weeks to three"], SeniorStakeholder: null);
        var thread = new InviteThread("conv-1", "Rollout", new IcsPerson(Dana, "Dana Smith"), facts);
        await using var factory = Factory(Monday, services: s => s.AddScoped<IInviteThreadReader>(_ => new FedThreadReader(thread)));
        using var client = factory.CreateClient();
        var slot = await FirstSlot(client);

        using var created = await client.PostAsJsonAsync("/api/invites", new { slot = new { start = slot.Start, end = slot.End }, conversationId = "conv-1" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invite = await created.ReadJson();
        Assert.Equal("Rollout planning, 30 min", invite.GetProperty("subject").GetString());
        var body = invite.GetProperty("bodyText").GetString()!;
        Assert.StartsWith("Hi Dana,", body);
        Assert.Contains("You wrote: \"go live before the audit.\" These 30 minutes are to get you there.", body);
        Assert.Contains("What you get: cut onboarding from six weeks to three.", body);
        Assert.DoesNotContain("I'd like", body);
        Assert.Contains("1. Where things stand on the rollout plan", body);
        Assert.Contains("\n2. ", body);
        Assert.Contains("\n3. A dated next step", body);
        Assert.EndsWith("Alex Morgan", body);
        Assert.Equal(Dana, invite.GetProperty("attendees")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task SameRequestTwiceGivesOneInvite()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();
        var slot = await FirstSlot(client);
        var request = new { slot = new { start = slot.Start, end = slot.End }, me = Me, messages = Thread() };

        using var first = await client.PostAsJsonAsync("/api/invites", request);
        using var second = await client.PostAsJsonAsync("/api/invites", request);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.ReadJson()).GetProperty("id").GetString(), (await second.ReadJson()).GetProperty("id").GetString());
        Assert.Equal(1, factory.StoredInvites());
    }

    [Fact]
    public async Task DoubleClickAtTheSameMomentGivesOneInvite()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();
        var slot = await FirstSlot(client);
        var request = new { slot = new { start = slot.Start, end = slot.End }, attendees = new[] { new { address = Dana } } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsJsonAsync("/api/invites", request)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadJson()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, factory.StoredInvites());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task IdempotencyKeyHeaderReplaysAndRefusesReuseForAnotherSlot()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();
        var slot = await FirstSlot(client);

        async Task<HttpResponseMessage> Post(DateTimeOffset start)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/invites")
            {
                Content = JsonContent.Create(new { slot = new { start, end = start.AddMinutes(30) }, attendees = new[] { new { address = Dana } } }),
            };
            message.Headers.Add("Idempotency-Key", "click-7f3a");
            return await client.SendAsync(message);
        }

        using var first = await Post(slot.Start);
        using var replay = await Post(slot.Start);
        using var other = await Post(slot.Start.AddDays(1));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await AssertProblem(other, HttpStatusCode.UnprocessableEntity, "already used for a different invite");
    }

    [Theory]
    [InlineData("2026-11-24T10:30:00Z", "2026-11-24T10:00:00Z", 400, "slot.end must be after slot.start")]
    [InlineData("2026-11-24T10:00:00Z", "2026-11-24T10:00:00Z", 400, "slot.end must be after slot.start")]
    [InlineData("2026-11-24T10:00:00Z", "2026-11-24T20:00:00Z", 400, "15 to 240 minutes")]
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T10:30:00Z", 422, "already started")]
    [InlineData("2026-11-24T12:30:00Z", "2026-11-24T13:00:00Z", 409, "no longer free")]
    public async Task BadSlotIsAClearProblemAndWritesNothing(string start, string end, int status, string detail)
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/invites",
            new { slot = new { start = DateTimeOffset.Parse(start), end = DateTimeOffset.Parse(end) }, attendees = new[] { new { address = Dana } } });

        await AssertProblem(response, (HttpStatusCode)status, detail);
        Assert.Equal(0, factory.StoredInvites());
    }

    [Theory]
    [InlineData("{}", 400, "slot.start and slot.end are required")]
    [InlineData("{\"slot\":{\"start\":\"2026-11-24T10:00:00Z\",\"end\":\"2026-11-24T10:30:00Z\"}}", 422, "No attendee")]
    [InlineData("{\"slot\":{\"start\":\"2026-11-24T10:00:00Z\",\"end\":\"2026-11-24T10:30:00Z\"},\"attendees\":[{\"address\":\"\"}]}", 400, "attendees[0] has no address")]
    [InlineData("{\"slot\":{\"start\":\"2026-11-24T10:00:00Z\",\"end\":\"2026-11-24T10:30:00Z\"},\"attendees\":[{\"address\":\"dana.smith@contoso.example\"}],\"subject\":\"  \"}", 400, "subject")]
    [InlineData("{\"slot\":{\"start\":\"soon\",\"end\":\"later\"}}", 400, "JSON")]
    public async Task BadCreateRequestIsAClearProblem(string body, int status, string detail)
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/invites", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, (HttpStatusCode)status, detail);
    }

    [Fact]
    public async Task OnlyTheUserWhoCreatedTheInviteCanDownloadIt()
    {
        await using var factory = Factory(Monday, testUsers: true);
        using var creator = factory.CreateClientAs(TestUser.Member("tenant-a", "member-1"));
        using var colleague = factory.CreateClientAs(TestUser.Member("tenant-a", "member-2"));
        using var sameIdOtherTenant = factory.CreateClientAs(TestUser.Member("tenant-b", "member-1"));
        var slot = await FirstSlot(creator);
        using var created = await creator.PostAsJsonAsync("/api/invites", new { slot = new { start = slot.Start, end = slot.End }, attendees = new[] { new { address = Dana } } });
        var url = (await created.ReadJson()).GetProperty("icsUrl").GetString();

        using var own = await creator.GetAsync(url);
        using var other = await colleague.GetAsync(url);
        using var otherTenant = await sameIdOtherTenant.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("ORGANIZER;CN=Max Member:mailto:member-1@tenant-a.example", await own.Content.ReadAsStringAsync());
        await AssertProblem(other, HttpStatusCode.NotFound, "no invite");
        await AssertProblem(otherTenant, HttpStatusCode.NotFound, "no invite");
    }

    [Theory]
    [InlineData("/api/invites/0123456789abcdef0123456789abcdef.ics")]
    [InlineData("/api/invites/..%2F..%2Fappsettings.ics")]
    [InlineData("/api/invites/NOT-AN-ID.ics")]
    public async Task UnknownInviteIsNotFound(string url)
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task LogsHoldNeitherAddressesNorInviteText()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();
        var slot = await FirstSlot(client);

        using var created = await client.PostAsJsonAsync("/api/invites", new
        {
            slot = new { start = slot.Start, end = slot.End },
            attendees = new[] { new { address = Dana, name = "Dana Smith" } },
            subject = "Secret merger chat",
            body = "Confidential agenda",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJson()).GetProperty("id").GetString()!;
        var logs = factory.Logs.All;
        Assert.Contains(id, logs);
        Assert.DoesNotContain(Dana, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Dana Smith", logs);
        Assert.DoesNotContain("Secret merger", logs);
        Assert.DoesNotContain("Confidential", logs);
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheInviteEndpoints()
    {
        await using var factory = Factory(Monday);
        using var client = factory.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));

        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/invites/proposals", out _));
        Assert.True(paths.TryGetProperty("/api/invites", out _));
        Assert.True(paths.TryGetProperty("/api/invites/{id}.ics", out _));
    }

    private static async Task<(DateTimeOffset Start, DateTimeOffset End)> FirstSlot(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/invites/proposals", new { attendees = new[] { new { address = Dana } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var slot = (await response.ReadJson()).GetProperty("slots")[0];
        return (slot.Instant("start"), slot.Instant("end"));
    }

    private sealed class FedThreadReader(InviteThread thread) : IInviteThreadReader
    {
        public Task<InviteThread?> ReadAsync(string? conversationId, IReadOnlyList<GraphMessage?>? messages, string? me, CancellationToken cancellationToken) =>
            Task.FromResult<InviteThread?>(conversationId == thread.ConversationId ? thread : null);
    }
}
