using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Foundation;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GhostAssist.Api.Tests.Drafting;

public sealed class DraftsApiTests(DraftingFactory factory) : IClassFixture<DraftingFactory>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task KindsListEveryPlayWithWhenToUseIt()
    {
        using var client = factory.CreateClient();
        var kinds = await Json(await client.GetAsync("/api/followups/kinds"));

        Assert.Equal(FollowUpKinds.All, kinds.EnumerateArray().Select(k => k.GetProperty("id").GetString()));
        foreach (var kind in kinds.EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(kind.GetProperty("name").GetString()));
            Assert.True(kind.GetProperty("whenToUse").GetString()!.Length > 40);
        }

        var invite = kinds.EnumerateArray().Single(k => k.GetProperty("id").GetString() == FollowUpKinds.CalendarInvite);
        Assert.Contains("more than half the time", invite.GetProperty("whenToUse").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesDraftingAndCoaching()
    {
        using var client = factory.CreateClient();
        var paths = (await Json(await client.GetAsync("/swagger/v1/swagger.json"))).GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/followups/kinds", out _));
        Assert.True(paths.GetProperty("/api/drafts").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/coach").TryGetProperty("post", out _));
    }

    [Fact]
    public async Task DraftForAThreadAnswersWhatThePaneShows()
    {
        using var client = factory.CreateClient();
        var draft = await Json(await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind = "action-consequence" }));

        Assert.Equal("conv-prospect", draft.GetProperty("conversationId").GetString());
        Assert.Equal("action-consequence", draft.GetProperty("kind").GetString());
        Assert.Equal("warm", draft.GetProperty("tone").GetString());
        Assert.InRange(DraftCoach.CountWords(draft.GetProperty("subject").GetString()!), 3, 4);
        Assert.Equal("sam.patel@contoso.example", draft.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("Sam Patel", draft.GetProperty("to")[0].GetProperty("name").GetString());
        Assert.Equal(0, draft.GetProperty("cc").GetArrayLength());
        var body = draft.GetProperty("bodyText").GetString()!;
        Assert.StartsWith("Hi Sam,", body);
        Assert.Contains("Thursday 3 December", body);
        Assert.StartsWith("<div><p>Hi Sam,</p>", draft.GetProperty("bodyHtml").GetString());
        Assert.Equal("builtin", draft.GetProperty("provider").GetString());
        Assert.Equal(0, draft.GetProperty("warnings").GetArrayLength());
        Assert.Equal("2026-12-03", draft.GetProperty("askBy").GetString());
        Assert.Equal("the proposal and pricing", draft.GetProperty("facts").GetProperty("lastTopic").GetString());
        var coach = draft.GetProperty("coach");
        Assert.True(coach.GetProperty("score").GetInt32() >= 80);
        var codes = coach.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("dated-ask", codes); // form
        Assert.Contains("contact-named", codes); // and substance, judged against the thread
        Assert.Contains("thread-facts", codes);
        Assert.True(coach.GetProperty("metrics").GetProperty("hasDatedAsk").GetBoolean());
        Assert.False(draft.TryGetProperty("webLink", out _), "nulls are omitted");
    }

    [Fact]
    public async Task DraftForAThreadInTheBodyUsesItsMessages()
    {
        using var client = factory.CreateClient();
        var thread = DraftingThreads.AsMailThread(DraftingThreads.Postponed());
        var draft = await Json(await client.PostAsJsonAsync("/api/drafts", new { me = DraftingThreads.Me, messages = thread.Messages, kind = "re-engage", tone = "formal" }));

        Assert.Equal("conv-january", draft.GetProperty("conversationId").GetString());
        Assert.StartsWith("Dear Priya,", draft.GetProperty("bodyText").GetString());
        Assert.Equal("2027-01-04", draft.GetProperty("askBy").GetString());
    }

    [Fact]
    public async Task SecondStakeholderDraftGoesToTheSeniorPersonWithTheContactInCopy()
    {
        using var client = factory.CreateClient();
        var draft = await Json(await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind = "multi-thread" }));

        Assert.Equal("dana.reeves@contoso.example", draft.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("sam.patel@contoso.example", draft.GetProperty("cc")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task UnknownKindIsBadRequestListingTheValidKinds()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind = "guilt-trip" });

        var problem = await FoundationTests.AssertProblem(response, HttpStatusCode.BadRequest, "guilt-trip");
        Assert.Contains("wiifm-summary, action-consequence, calendar-invite", problem.GetProperty("detail").GetString());
        Assert.Equal(FollowUpKinds.All, problem.GetProperty("validKinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task MissingKindIsBadRequest()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect" });
        await FoundationTests.AssertProblem(response, HttpStatusCode.BadRequest, "kind of follow-up is missing");
    }

    [Fact]
    public async Task UnknownToneIsBadRequestListingTheTones()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind = "urgency-test", tone = "sarcastic" });
        await FoundationTests.AssertProblem(response, HttpStatusCode.BadRequest, "warm, direct, formal");
    }

    [Fact]
    public async Task UnknownThreadIsNotFound()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-nobody", kind = "urgency-test" });
        await FoundationTests.AssertProblem(response, HttpStatusCode.NotFound, "conv-nobody");
    }

    [Fact]
    public async Task ThreadGivenTwiceOrNotAtAllIsBadRequest()
    {
        using var client = factory.CreateClient();
        using var neither = await client.PostAsJsonAsync("/api/drafts", new { kind = "urgency-test" });
        await FoundationTests.AssertProblem(neither, HttpStatusCode.BadRequest, "conversationId");
        using var empty = await client.PostAsJsonAsync("/api/drafts", new { kind = "urgency-test", messages = Array.Empty<object>() });
        await FoundationTests.AssertProblem(empty, HttpStatusCode.BadRequest, "no messages");
        using var badMe = await client.PostAsJsonAsync("/api/drafts", new { kind = "urgency-test", me = "alex at home", messages = DraftingThreads.AsMailThread(DraftingThreads.Prospect()).Messages });
        await FoundationTests.AssertProblem(badMe, HttpStatusCode.BadRequest, "\"me\"");
    }

    [Fact]
    public async Task KindThatDoesNotApplyToTheThreadIsUnprocessableSayingWhy()
    {
        using var client = factory.CreateClient();
        using var multi = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-single", kind = "multi-thread" });
        var problem = await FoundationTests.AssertProblem(multi, HttpStatusCode.UnprocessableEntity, "no second stakeholder");
        Assert.Equal("multi-thread", problem.GetProperty("kind").GetString());

        using var reEngage = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind = "re-engage" });
        await FoundationTests.AssertProblem(reEngage, HttpStatusCode.UnprocessableEntity, "neither a postponement nor a reply after silence");
    }

    [Fact]
    public async Task RecipientThatIsNotAnAddressIsBadRequest()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind = "urgency-test", recipient = "Dana <script>" });
        await FoundationTests.AssertProblem(response, HttpStatusCode.BadRequest, "not an email address");
    }

    [Fact]
    public async Task MalformedTemplateIdIsBadRequest()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("""{"conversationId":"conv-prospect","kind":"urgency-test","templateId":"not-a-guid"}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/drafts", content);
        await FoundationTests.AssertProblem(response, HttpStatusCode.BadRequest, "JSON");
    }

    [Fact]
    public async Task TemplateWithoutTheTemplatesFeatureIsUnprocessable()
    {
        await using var app = DraftingFactory.Create(new Dictionary<string, string?>(), services => services.RemoveAll<ITemplateDraftSource>());
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind = "urgency-test", templateId = Guid.NewGuid() });
        await FoundationTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "Templates are not available");
    }

    [Fact]
    public async Task TemplateReplacesTheComposedTextAndIsStillCoached()
    {
        var templates = new RecordingTemplates();
        await using var app = DraftingFactory.Create(new Dictionary<string, string?>(), services => services.AddSingleton<ITemplateDraftSource>(templates));
        using var client = app.CreateClient();
        var templateId = Guid.NewGuid();

        var draft = await Json(await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", templateId }));

        Assert.Equal(templateId, templates.RenderedId);
        Assert.Equal("conv-prospect", templates.Analysis!.ConversationId);
        Assert.Equal("Alex Morgan", templates.User!.Name);
        Assert.Equal("wiifm-summary", draft.GetProperty("kind").GetString());
        Assert.Equal("Your quarter in review", draft.GetProperty("subject").GetString());
        Assert.Equal("Hi Sam,\n\n<b>Results</b> for Contoso.\n\nAlex", draft.GetProperty("bodyText").GetString());
        Assert.Contains("&lt;b&gt;Results&lt;/b&gt;", draft.GetProperty("bodyHtml").GetString());
        Assert.Equal("template", draft.GetProperty("provider").GetString());
        Assert.Equal(templateId, draft.GetProperty("templateId").GetGuid());
        Assert.Contains("{{nextStepDate}} has no value", draft.GetProperty("warnings")[0].GetString());
        Assert.Contains(draft.GetProperty("coach").GetProperty("tips").EnumerateArray(), t => t.GetProperty("code").GetString() == "word-count");
    }

    [Fact]
    public async Task SavingIntoOutlookFromTheDemoMailboxIsUnprocessable()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind = "urgency-test", saveToOutlook = true });
        await FoundationTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "Microsoft 365");
    }

    [Fact]
    public async Task SavingIntoOutlookRepliesToTheLastMessageAndAnswersItsLink()
    {
        var saver = new RecordingSaver();
        await using var app = DraftingFactory.Create(new Dictionary<string, string?>(), services => services.AddScoped<IOutlookDraftSaver>(_ => saver));
        using var client = app.CreateClient();

        var draft = await Json(await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind = "calendar-invite", saveToOutlook = true }));

        Assert.Equal("m4", saver.ReplyTo);
        Assert.Equal(draft.GetProperty("subject").GetString(), saver.Subject);
        Assert.Equal(draft.GetProperty("bodyHtml").GetString(), saver.Html);
        Assert.Equal("draft-1", draft.GetProperty("outlookMessageId").GetString());
        Assert.Equal("https://outlook.example/draft-1", draft.GetProperty("webLink").GetString());
    }

    [Fact]
    public async Task SaveToDraftsSavesTheGivenTextAndAnEmptyTextIsABadRequest()
    {
        var saver = new RecordingSaver();
        await using var app = DraftingFactory.Create(new Dictionary<string, string?>(), services => services.AddScoped<IOutlookDraftSaver>(_ => saver));
        using var client = app.CreateClient();

        using var saved = await client.PostAsJsonAsync("/api/drafts/outlook", new { conversationId = "conv-prospect", subject = "Edited subject", bodyText = "Hi Sam,\n\nMy words, not the composer's.\n\nAlex" });
        using var empty = await client.PostAsJsonAsync("/api/drafts/outlook", new { conversationId = "conv-prospect", subject = "Edited", bodyText = "  " });
        using var unknown = await client.PostAsJsonAsync("/api/drafts/outlook", new { conversationId = "conv-nope", subject = "Edited", bodyText = "Hello" });

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal("m4", saver.ReplyTo);
        Assert.Equal("Edited subject", saver.Subject);
        Assert.Contains("My words, not the composer&#39;s.", saver.Html);
        await FoundationTests.AssertProblem(empty, HttpStatusCode.BadRequest, "bodyText");
        await FoundationTests.AssertProblem(unknown, HttpStatusCode.NotFound, "conv-nope");
    }

    [Fact]
    public async Task SaveToDraftsRefusesAPlayThatIsNotInTheCatalogAndSavesNothing()
    {
        var saver = new RecordingSaver();
        await using var app = DraftingFactory.Create(new Dictionary<string, string?>(), services => services.AddScoped<IOutlookDraftSaver>(_ => saver));
        using var client = app.CreateClient();

        using var unknown = await client.PostAsJsonAsync("/api/drafts/outlook", new { conversationId = "conv-prospect", bodyText = "Hi Sam,\n\nMy words.", kind = "guilt-trip" });
        using var templateAlone = await client.PostAsJsonAsync("/api/drafts/outlook", new { conversationId = "conv-prospect", bodyText = "Hi Sam,\n\nMy words.", templateId = Guid.NewGuid() });

        var problem = await FoundationTests.AssertProblem(unknown, HttpStatusCode.UnprocessableEntity, "guilt-trip");
        Assert.Equal(FollowUpKinds.All, problem.GetProperty("validKinds").EnumerateArray().Select(k => k.GetString()));
        await FoundationTests.AssertProblem(templateAlone, HttpStatusCode.UnprocessableEntity, "give the kind too");
        Assert.Null(saver.ReplyTo);
    }

    [Fact]
    public async Task LogsHoldIdsAndCountsButNoMailTextOrAddresses()
    {
        using var client = factory.CreateClient();
        foreach (var kind in new[] { "wiifm-summary", "multi-thread", "worried-check-in" })
        {
            await Json(await client.PostAsJsonAsync("/api/drafts", new { conversationId = "conv-prospect", kind }));
        }

        var logs = factory.Logs.All;
        Assert.Contains("conv-prospect", logs);
        Assert.DoesNotContain("contoso.example", logs);
        Assert.DoesNotContain("Sam", logs);
        Assert.DoesNotContain("proposal", logs, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class RecordingTemplates : ITemplateDraftSource
    {
        public Guid? RenderedId { get; private set; }

        public ThreadAnalysis? Analysis { get; private set; }

        public AppUser? User { get; private set; }

        public Task<RenderedTemplate> RenderAsync(Guid templateId, AppUser user, ThreadAnalysis analysis, CancellationToken cancellationToken)
        {
            RenderedId = templateId;
            Analysis = analysis;
            User = user;
            return Task.FromResult(new RenderedTemplate("wiifm-summary", "Your quarter in review", $"Hi {analysis.Facts.ContactFirstName},\n\n<b>Results</b> for {analysis.Facts.Company}.\n\nAlex",
                ["{{nextStepDate}} has no value in this thread."]));
        }
    }

    private sealed class RecordingSaver : IOutlookDraftSaver
    {
        public string? ReplyTo { get; private set; }

        public string? Subject { get; private set; }

        public string? Html { get; private set; }

        public Task<SavedOutlookDraft> SaveReplyAllDraftAsync(string replyToMessageId, string subject, string bodyHtml, CancellationToken cancellationToken)
        {
            (ReplyTo, Subject, Html) = (replyToMessageId, subject, bodyHtml);
            return Task.FromResult(new SavedOutlookDraft("draft-1", "https://outlook.example/draft-1"));
        }
    }
}

public sealed class CoachApiTests(GhostAssistFactory factory) : IClassFixture<GhostAssistFactory>
{
    [Fact]
    public async Task CoachScoresADraftWithReasonsAndTips()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/coach", new
        {
            subject = "Following up on my previous email about the proposal",
            body = "Hi Sam, just checking in. Per my last email, we sent the proposal. We think it is great. Let me know.",
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var coach = JsonDocument.Parse(text).RootElement;

        Assert.InRange(coach.GetProperty("score").GetInt32(), 0, 60);
        Assert.Equal(7, coach.GetProperty("reasons").GetArrayLength()); // form only: no thread to judge substance against
        var tips = coach.GetProperty("tips").EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToList();
        Assert.Contains("word-count", tips);
        Assert.Contains("subject-length", tips);
        Assert.Contains("pushy-phrases", tips);
        Assert.Contains("dated-ask", tips);
    }

    [Fact]
    public async Task CoachWithoutABodyIsBadRequest()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/coach", new { subject = "Hello there" });
        await FoundationTests.AssertProblem(response, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task CoachWithAnUnknownKindIsBadRequest()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/coach", new { subject = "Hello there", body = "Hi.", kind = "nope" });
        await FoundationTests.AssertProblem(response, HttpStatusCode.BadRequest, "wiifm-summary");
    }

    [Fact]
    public async Task CoachRefusesAnOversizedDraft()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/coach", new { subject = "Hello there", body = new string('a', CoachApi.MaxBodyChars + 1) });
        await FoundationTests.AssertProblem(response, HttpStatusCode.BadRequest, "20,000");
    }
}
