using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;

namespace GhostAssist.Api.Tests.Templates;

public sealed class SqliteTemplateStoreTests(SqliteStoreFixture store) : TemplateStoreTests(store), IClassFixture<SqliteStoreFixture>
{
    [Fact]
    public async Task SqliteFileRunsInWriteAheadLogMode()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(store.Factory.DataDirectory, "templates.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}

public sealed class PostgresTemplateStoreTests(PostgresStoreFixture store) : TemplateStoreTests(store), IClassFixture<PostgresStoreFixture>;

/// <summary>The template store's behaviour, run against SQLite and against a real PostgreSQL server.</summary>
public abstract class TemplateStoreTests(TemplateStoreFixture store)
{
    private const string FollowUpBody = "Hi {{contactFirstName}},\n\nFollowing up on {{lastTopic}}. Could we talk on {{proposedSlot}}?\n\n{{userFirstName}}";

    private GhostAssistFactory Factory => store.Factory;

    // Each test works in a tenant of its own, so the tests of a class share one store without meeting.
    private static string NewTenant() => $"tenant-{Guid.NewGuid():N}";

    [Fact]
    public async Task CreatedTemplateIsReadBackWithLocationAndETag()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        using var created = await lead.PostAsJsonAsync("/api/templates", NewTemplate("Proposal nudge", tags: ["Renewal", "q4"]));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/templates/{body.GetProperty("id").GetString()}", created.Headers.Location?.OriginalString);

        using var read = await lead.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var template = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Proposal nudge", template.GetProperty("name").GetString());
        Assert.Equal("personal", template.GetProperty("scope").GetString());
        Assert.Equal(["renewal", "q4"], template.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["contactFirstName", "lastTopic", "proposedSlot", "userFirstName"], template.GetProperty("variables").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Lena Lead", template.GetProperty("updatedBy").GetString());
        Assert.Equal(0, template.GetProperty("usage").GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task CannotEditTemplateOfAnotherTenant()
    {
        var tenantA = NewTenant();
        using var leadA = Factory.CreateClientAs(TestUser.Lead(tenantA));
        var (id, etag) = await CreateAsync(leadA, NewTemplate("Team play", scope: "team", published: true));
        using var leadB = Factory.CreateClientAs(TestUser.Lead(NewTenant(), "lead-b"));

        using var read = await leadB.GetAsync($"/api/templates/{id}");
        await AssertProblem(read, HttpStatusCode.NotFound, "no template with this id");
        using var edit = await SendAsync(leadB, HttpMethod.Put, $"/api/templates/{id}", etag, NewTemplate("Hijacked"));
        await AssertProblem(edit, HttpStatusCode.NotFound, "no template with this id");
        using var delete = await SendAsync(leadB, HttpMethod.Delete, $"/api/templates/{id}", etag);
        await AssertProblem(delete, HttpStatusCode.NotFound, "no template with this id");
        Assert.Empty(await ListAsync(leadB, "/api/templates"));
        using var versions = await leadB.GetAsync($"/api/templates/{id}/versions");
        await AssertProblem(versions, HttpStatusCode.NotFound, "no template with this id");
        using var restore = await SendAsync(leadB, HttpMethod.Post, $"/api/templates/{id}/versions/1/restore", etag);
        await AssertProblem(restore, HttpStatusCode.NotFound, "no template with this id");
        using var render = await leadB.PostAsJsonAsync($"/api/templates/{id}/render", new { values = new { } });
        await AssertProblem(render, HttpStatusCode.NotFound, "no template with this id");
        Assert.Empty((await leadB.GetFromJsonAsync<JsonElement>("/api/templates/export")).GetProperty("templates").EnumerateArray());

        var unchanged = await leadA.GetFromJsonAsync<JsonElement>($"/api/templates/{id}");
        Assert.Equal("Team play", unchanged.GetProperty("name").GetString());
        Assert.Equal(1, unchanged.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PersonalTemplateIsInvisibleToOtherUsersOfTheTenant()
    {
        var tenant = NewTenant();
        using var owner = Factory.CreateClientAs(TestUser.Member(tenant, "member-1"));
        var (id, _) = await CreateAsync(owner, NewTemplate("My own words"));
        using var colleague = Factory.CreateClientAs(TestUser.Lead(tenant, "lead-1"));

        using var read = await colleague.GetAsync($"/api/templates/{id}");
        await AssertProblem(read, HttpStatusCode.NotFound, "no template with this id");
        Assert.Empty(await ListAsync(colleague, "/api/templates"));
    }

    [Fact]
    public async Task MemberCannotPublishTeamTemplate()
    {
        var tenant = NewTenant();
        using var lead = Factory.CreateClientAs(TestUser.Lead(tenant));
        using var member = Factory.CreateClientAs(TestUser.Member(tenant));
        var (draftId, draftETag) = await CreateAsync(lead, NewTemplate("Unpublished play", scope: "team"));

        // A draft team template is the leads' business: a member neither sees nor publishes it.
        Assert.Empty(await ListAsync(member, "/api/templates"));
        using var publishDraft = await SendAsync(member, HttpMethod.Post, $"/api/templates/{draftId}/publish", draftETag);
        await AssertProblem(publishDraft, HttpStatusCode.NotFound, "no template with this id");

        using var published = await SendAsync(lead, HttpMethod.Post, $"/api/templates/{draftId}/publish", draftETag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var publishedETag = published.Headers.ETag!.Tag;
        var seen = Assert.Single(await ListAsync(member, "/api/templates"));
        Assert.False(seen.GetProperty("canEdit").GetBoolean());

        using var unpublish = await SendAsync(member, HttpMethod.Post, $"/api/templates/{draftId}/unpublish", publishedETag);
        await AssertProblem(unpublish, HttpStatusCode.Forbidden, "team lead");
        using var edit = await SendAsync(member, HttpMethod.Put, $"/api/templates/{draftId}", publishedETag, NewTemplate("Member's change"));
        await AssertProblem(edit, HttpStatusCode.Forbidden, "team lead");
        using var createTeam = await member.PostAsJsonAsync("/api/templates", NewTemplate("Member team play", scope: "team"));
        await AssertProblem(createTeam, HttpStatusCode.Forbidden, "team lead");

        // A member's own template stays personal: only a lead publishes.
        var (ownId, ownETag) = await CreateAsync(member, NewTemplate("Member's own"));
        using var publishOwn = await SendAsync(member, HttpMethod.Post, $"/api/templates/{ownId}/publish", ownETag);
        await AssertProblem(publishOwn, HttpStatusCode.Forbidden, "team lead");
    }

    [Fact]
    public async Task LeadPublishesPersonalTemplateToTheTeam()
    {
        var tenant = NewTenant();
        using var lead = Factory.CreateClientAs(TestUser.Lead(tenant));
        using var member = Factory.CreateClientAs(TestUser.Member(tenant));
        var (id, etag) = await CreateAsync(lead, NewTemplate("Saved from a draft"));
        Assert.Empty(await ListAsync(member, "/api/templates"));

        using var published = await SendAsync(lead, HttpMethod.Post, $"/api/templates/{id}/publish", etag);

        var template = await published.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("team", template.GetProperty("scope").GetString());
        Assert.Equal(tenant, template.GetProperty("team").GetString());
        var seen = Assert.Single(await ListAsync(member, "/api/templates?scope=team"));
        Assert.Equal("Saved from a draft", seen.GetProperty("name").GetString());
    }

    [Fact]
    public async Task GroupTemplatesAreSeenOnlyByMembersOfTheGroup()
    {
        var tenant = NewTenant();
        using var lead = Factory.CreateClientAs(TestUser.Lead(tenant) with { Groups = ["group-sales"] });
        using var salesMember = Factory.CreateClientAs(TestUser.Member(tenant, "m-sales") with { Groups = ["group-sales"] });
        using var otherMember = Factory.CreateClientAs(TestUser.Member(tenant, "m-other") with { Groups = ["group-support"] });
        await CreateAsync(lead, NewTemplate("Sales play", scope: "team", team: "group-sales", published: true));

        Assert.Single(await ListAsync(salesMember, "/api/templates"));
        Assert.Empty(await ListAsync(otherMember, "/api/templates"));
        using var outsider = await lead.PostAsJsonAsync("/api/templates", NewTemplate("Support play", scope: "team", team: "group-support"));
        await AssertProblem(outsider, HttpStatusCode.Forbidden, "not a member of that team");
    }

    [Fact]
    public async Task StaleETagGets412WithCurrentVersion()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        var (id, etag) = await CreateAsync(lead, NewTemplate("Check-in"));
        using var first = await SendAsync(lead, HttpMethod.Put, $"/api/templates/{id}", etag, NewTemplate("Check-in", body: "First edit, {{contactFirstName}}."));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var stale = await SendAsync(lead, HttpMethod.Put, $"/api/templates/{id}", etag, NewTemplate("Check-in", body: "Second edit from an old copy."));

        var problem = await AssertProblem(stale, HttpStatusCode.PreconditionFailed, "now version 2");
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("First edit, {{contactFirstName}}.", problem.GetProperty("current").GetProperty("body").GetString());
        var current = await lead.GetFromJsonAsync<JsonElement>($"/api/templates/{id}");
        Assert.Equal("First edit, {{contactFirstName}}.", current.GetProperty("body").GetString());
    }

    [Fact]
    public async Task ChangeWithoutIfMatchIsRefusedAsPreconditionRequired()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        var (id, _) = await CreateAsync(lead, NewTemplate("No precondition"));

        using var put = await lead.PutAsJsonAsync($"/api/templates/{id}", NewTemplate("Changed"));
        await AssertProblem(put, (HttpStatusCode)428, "If-Match");
        using var delete = await lead.DeleteAsync($"/api/templates/{id}");
        await AssertProblem(delete, (HttpStatusCode)428, "If-Match");
        using var garbage = await SendAsync(lead, HttpMethod.Put, $"/api/templates/{id}", "latest", NewTemplate("Changed"));
        await AssertProblem(garbage, HttpStatusCode.BadRequest, "If-Match");
        Assert.Equal(1, (await lead.GetFromJsonAsync<JsonElement>($"/api/templates/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task EveryChangeKeepsThePreviousVersionAndRestoreBringsItBack()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        var (id, etag) = await CreateAsync(lead, NewTemplate("Versioned", body: "Original text."));
        using var edited = await SendAsync(lead, HttpMethod.Put, $"/api/templates/{id}", etag, NewTemplate("Versioned v2", body: "Edited text."));
        using var archived = await SendAsync(lead, HttpMethod.Post, $"/api/templates/{id}/archive", edited.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Empty(await ListAsync(lead, "/api/templates"));
        Assert.Single(await ListAsync(lead, "/api/templates?includeArchived=true"));

        using var restored = await SendAsync(lead, HttpMethod.Post, $"/api/templates/{id}/versions/1/restore", archived.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var current = await restored.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Versioned", current.GetProperty("name").GetString());
        Assert.Equal("Original text.", current.GetProperty("body").GetString());
        Assert.Equal(4, current.GetProperty("version").GetInt32());
        var versions = await ListAsync(lead, $"/api/templates/{id}/versions");
        Assert.Equal([4, 3, 2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(["restored version 1", "archived", "updated", "created"], versions.Select(v => v.GetProperty("change").GetString()));
        Assert.Equal("Edited text.", versions[2].GetProperty("body").GetString());
        using var missing = await SendAsync(lead, HttpMethod.Post, $"/api/templates/{id}/versions/99/restore", "\"4\"");
        await AssertProblem(missing, HttpStatusCode.NotFound, "no version 99");
    }

    [Fact]
    public async Task DeletedTemplateIsGoneForEveryone()
    {
        var tenant = NewTenant();
        using var lead = Factory.CreateClientAs(TestUser.Lead(tenant));
        var (id, etag) = await CreateAsync(lead, NewTemplate("Short-lived", scope: "team", published: true));

        using var deleted = await SendAsync(lead, HttpMethod.Delete, $"/api/templates/{id}", etag);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var read = await lead.GetAsync($"/api/templates/{id}");
        await AssertProblem(read, HttpStatusCode.NotFound, "no template");
        Assert.Empty(await ListAsync(Factory.CreateClientAs(TestUser.Member(tenant)), "/api/templates"));
        // Its name is free again.
        await CreateAsync(lead, NewTemplate("Short-lived", scope: "team"));
    }

    [Fact]
    public async Task FiftyConcurrentEditorsLoseNoAcceptedEdit()
    {
        var lead = TestUser.Lead(NewTenant());
        using var setup = Factory.CreateClientAs(lead);
        var (id, _) = await CreateAsync(setup, NewTemplate("Hot template", scope: "team"));
        var accepted = new ConcurrentBag<(int Version, string Body)>();
        var linesBefore = Factory.Logs.Lines.Count;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(editor => Task.Run(async () =>
        {
            using var client = Factory.CreateClientAs(lead);
            var body = $"Edit by editor {editor}, {{{{contactFirstName}}}}.";
            using var read = await client.GetAsync($"/api/templates/{id}");
            var etag = read.Headers.ETag!.Tag;
            for (var attempt = 0; attempt < 500; attempt++)
            {
                using var put = await SendAsync(client, HttpMethod.Put, $"/api/templates/{id}", etag, NewTemplate("Hot template", body: body));
                if (put.StatusCode == HttpStatusCode.OK)
                {
                    accepted.Add(((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32(), body));
                    return;
                }

                Assert.Equal(HttpStatusCode.PreconditionFailed, put.StatusCode);
                etag = put.Headers.ETag!.Tag;
            }

            Assert.Fail($"Editor {editor} never got an edit accepted.");
        })));

        Assert.Equal(50, accepted.Count);
        var versions = await ListAsync(setup, $"/api/templates/{id}/versions");
        Assert.Equal(accepted.Count + 1, versions.Count);
        Assert.Equal(Enumerable.Range(1, 51).Reverse(), versions.Select(v => v.GetProperty("version").GetInt32()));
        var bodies = versions.ToDictionary(v => v.GetProperty("version").GetInt32(), v => v.GetProperty("body").GetString());
        foreach (var (version, body) in accepted)
        {
            Assert.Equal(body, bodies[version]);
        }

        Assert.Equal(51, (await setup.GetFromJsonAsync<JsonElement>($"/api/templates/{id}")).GetProperty("version").GetInt32());
        // Lost races are answers (412), not errors: nothing at Error level.
        var errors = Factory.Logs.Lines.Skip(linesBefore).Where(line => line.StartsWith("Error", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Take(3)));
    }

    [Fact]
    public async Task UnknownVariableIsRefusedNamingIt()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));

        using var response = await lead.PostAsJsonAsync("/api/templates", NewTemplate("Typo", body: "Hi {{contactFirstName}}, about {{dealSize}} and {{ cmpany }}."));

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "{{dealSize}}");
        Assert.Contains("{{cmpany}}", problem.GetProperty("detail").GetString());
        Assert.Equal(["dealSize", "cmpany"], problem.GetProperty("unknownVariables").EnumerateArray().Select(v => v.GetString()));
        Assert.Empty(await ListAsync(lead, "/api/templates"));
    }

    [Fact]
    public async Task UnknownVariableInAnEditIsRefusedAndTheTemplateIsUnchanged()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        var (id, etag) = await CreateAsync(lead, NewTemplate("Steady"));

        using var response = await SendAsync(lead, HttpMethod.Put, $"/api/templates/{id}", etag, NewTemplate("Steady", subject: "Re: {{budget}}"));

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "{{budget}}");
        Assert.Single(await ListAsync(lead, $"/api/templates/{id}/versions"));
    }

    [Fact]
    public async Task InvalidKindIsRefusedListingTheKinds()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));

        using var response = await lead.PostAsJsonAsync("/api/templates", NewTemplate("Odd", kind: "cold-call"));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest, "re-engage");
        Assert.Equal(FollowUpKinds.All, problem.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task OverlongNameAndBodyAreRefusedWithTheLimit()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));

        using var name = await lead.PostAsJsonAsync("/api/templates", NewTemplate(new string('n', 121)));
        var nameProblem = await AssertProblem(name, HttpStatusCode.UnprocessableEntity, "name can be up to 120 characters");
        Assert.Equal(120, nameProblem.GetProperty("limit").GetInt32());
        using var body = await lead.PostAsJsonAsync("/api/templates", NewTemplate("Long", body: new string('b', 20_001)));
        await AssertProblem(body, HttpStatusCode.UnprocessableEntity, "body can be up to 20,000 characters");
        using var atLimit = await lead.PostAsJsonAsync("/api/templates", NewTemplate(new string('n', 120), body: new string('b', 20_000)));
        Assert.Equal(HttpStatusCode.Created, atLimit.StatusCode);
        using var duplicate = await lead.PostAsJsonAsync("/api/templates", NewTemplate(new string('N', 120)));
        await AssertProblem(duplicate, HttpStatusCode.Conflict, "already a template named");
    }

    [Fact]
    public async Task TeamCannotHoldMoreThanItsTemplateLimit()
    {
        await using var limited = Factory.With(new Dictionary<string, string?> { ["Templates:MaxTemplatesPerTeam"] = "3" });
        using var lead = limited.CreateClientAs(TestUser.Lead(NewTenant()));
        for (var i = 1; i <= 3; i++)
        {
            await CreateAsync(lead, NewTemplate($"Play {i}", scope: "team"));
        }

        using var fourth = await lead.PostAsJsonAsync("/api/templates", NewTemplate("Play 4", scope: "team"));

        var problem = await AssertProblem(fourth, HttpStatusCode.Conflict, "up to 3 templates");
        Assert.Equal(3, problem.GetProperty("limit").GetInt32());
        // Personal templates count apart from the team's.
        await CreateAsync(lead, NewTemplate("Mine"));
        using var import = await lead.PostAsJsonAsync("/api/templates/import", new { templates = new[] { NewTemplate("Play 5"), NewTemplate("Play 6") } });
        await AssertProblem(import, HttpStatusCode.Conflict, "up to 3 templates");
        Assert.Equal(3, (await ListAsync(lead, "/api/templates?scope=team")).Count);
    }

    [Fact]
    public async Task ImportReportsDuplicatesByNameWithoutDoublingThem()
    {
        var source = NewTenant();
        using var sourceLead = Factory.CreateClientAs(TestUser.Lead(source));
        await CreateAsync(sourceLead, NewTemplate("Breakup email", kind: "re-engage", scope: "team", published: true));
        await CreateAsync(sourceLead, NewTemplate("Worried check-in", kind: "worried-check-in", scope: "team"));
        await CreateAsync(sourceLead, NewTemplate("Not exported: personal"));
        var library = await sourceLead.GetFromJsonAsync<JsonElement>("/api/templates/export");
        Assert.Equal(["Breakup email", "Worried check-in"], library.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        var target = NewTenant();
        using var targetLead = Factory.CreateClientAs(TestUser.Lead(target));
        var (existingId, _) = await CreateAsync(targetLead, NewTemplate("BREAKUP EMAIL", scope: "team"));
        using var imported = await targetLead.PostAsJsonAsync("/api/templates/import", library);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = await imported.Content.ReadFromJsonAsync<JsonElement>();
        var added = Assert.Single(result.GetProperty("imported").EnumerateArray());
        Assert.Equal("Worried check-in", added.GetProperty("name").GetString());
        Assert.Equal(target, added.GetProperty("team").GetString());
        var duplicate = Assert.Single(result.GetProperty("duplicates").EnumerateArray());
        Assert.Equal("Breakup email", duplicate.GetProperty("name").GetString());
        Assert.Equal(existingId, duplicate.GetProperty("existingId").GetString());

        using var again = await targetLead.PostAsJsonAsync("/api/templates/import", library);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(second.GetProperty("imported").EnumerateArray());
        Assert.Equal(2, second.GetProperty("duplicates").GetArrayLength());
        Assert.Equal(2, (await ListAsync(targetLead, "/api/templates")).Count);
    }

    [Fact]
    public async Task ImportWithAnInvalidTemplateWritesNothing()
    {
        var tenant = NewTenant();
        using var lead = Factory.CreateClientAs(TestUser.Lead(tenant));
        using var member = Factory.CreateClientAs(TestUser.Member(tenant));
        var library = new { templates = new[] { NewTemplate("Good one"), NewTemplate("Bad one", body: "Hello {{nickname}}") } };

        using var response = await lead.PostAsJsonAsync("/api/templates/import", library);

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "nothing was imported");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Contains("{{nickname}}", error.GetProperty("detail").GetString());
        Assert.Empty(await ListAsync(lead, "/api/templates"));
        using var memberImport = await member.PostAsJsonAsync("/api/templates/import", new { templates = new[] { NewTemplate("Good one") } });
        await AssertProblem(memberImport, HttpStatusCode.Forbidden, "team lead");
        using var memberExport = await member.GetAsync("/api/templates/export");
        await AssertProblem(memberExport, HttpStatusCode.Forbidden, "team lead");
    }

    [Fact]
    public async Task ListFiltersByKindTagAndScope()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        await CreateAsync(lead, NewTemplate("A", kind: "re-engage", tags: ["renewal"]));
        await CreateAsync(lead, NewTemplate("B", kind: "urgency-test", tags: ["Renewal", "exec"], scope: "team"));
        await CreateAsync(lead, NewTemplate("C", kind: "re-engage", tags: ["exec"], scope: "team"));

        Assert.Equal(["A", "C"], (await ListAsync(lead, "/api/templates?kind=re-engage")).Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["A", "B"], (await ListAsync(lead, "/api/templates?tag=RENEWAL")).Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["B", "C"], (await ListAsync(lead, "/api/templates?scope=team")).Select(t => t.GetProperty("name").GetString()));
        using var badScope = await lead.GetAsync("/api/templates?scope=everyone");
        await AssertProblem(badScope, HttpStatusCode.BadRequest, "personal");
    }

    [Fact]
    public async Task MissingValueShowsVisiblePlaceholderAndWarning()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        var (id, _) = await CreateAsync(lead, NewTemplate("Slot", subject: "{{company}} next steps"));

        using var response = await lead.PostAsJsonAsync($"/api/templates/{id}/render", new { values = new { lastTopic = "the pilot plan", company = "Contoso" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rendered = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Contoso next steps", rendered.GetProperty("subject").GetString());
        Assert.Equal("Hi [contact's first name],\n\nFollowing up on the pilot plan. Could we talk on [proposed slot]?\n\nLena", rendered.GetProperty("bodyText").GetString());
        Assert.Equal(["contactFirstName", "proposedSlot"], rendered.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        var warnings = rendered.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Contains("{{contactFirstName}}", warnings[0]);
        Assert.Contains("[proposed slot]", warnings[1]);
    }

    [Fact]
    public async Task ScriptInTemplateIsEscapedInHtml()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        var (id, _) = await CreateAsync(lead, NewTemplate("Hostile", body: "<script>alert('x')</script>\nHi {{contactFirstName}} & team"));

        using var response = await lead.PostAsJsonAsync($"/api/templates/{id}/render", new { values = new { contactFirstName = "<img src=x onerror=alert(1)>" } });

        var rendered = await response.Content.ReadFromJsonAsync<JsonElement>();
        var html = rendered.GetProperty("bodyHtml").GetString()!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>Hi &lt;img", html);
        Assert.Contains("&amp; team", html);
        Assert.Contains("<script>alert('x')</script>", rendered.GetProperty("bodyText").GetString());
    }

    [Fact]
    public async Task RenderRefusesValuesForUnknownVariables()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        var (id, _) = await CreateAsync(lead, NewTemplate("Values"));

        using var response = await lead.PostAsJsonAsync($"/api/templates/{id}/render", new { values = new { firstname = "Dana" } });

        await AssertProblem(response, HttpStatusCode.BadRequest, "firstname");
    }

    [Fact]
    public async Task DraftSourceRendersTheTemplateWithTheThreadFacts()
    {
        var lead = TestUser.Lead(NewTenant());
        using var client = Factory.CreateClientAs(lead);
        var (id, _) = await CreateAsync(client, NewTemplate("Grounded", subject: ""));
        var user = new AppUser(lead.UserId, lead.TenantId, lead.Name, lead.Email, lead.Roles!, []);
        var facts = new ThreadFacts("Dana", "Dana Whitfield", "dana@contoso.example", "Contoso", "Lena", "Lena Lead", "the renewal quote", null, null,
            null, null, null, [], null);
        var analysis = new ThreadAnalysis("conv-1", "Renewal quote", "lena@ours.example", DateTimeOffset.UtcNow, 9, 1, true,
            new GhostRisk(60, "medium", []), [], [], [], [], facts);

        await using var scope = Factory.Services.CreateAsyncScope();
        var rendered = await scope.ServiceProvider.GetRequiredService<ITemplateDraftSource>().RenderAsync(Guid.Parse(id), user, analysis, CancellationToken.None);

        Assert.Equal("re-engage", rendered.Kind);
        Assert.Equal("Renewal quote", rendered.Subject);
        Assert.Equal("Hi Dana,\n\nFollowing up on the renewal quote. Could we talk on [proposed slot]?\n\nLena", rendered.BodyText);
        Assert.Contains("{{proposedSlot}}", Assert.Single(rendered.Warnings));
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/templates/{id}");
        Assert.Equal(1, stored.GetProperty("usage").GetProperty("used").GetInt32());
        var otherTenant = user with { TenantId = NewTenant() };
        var refused = await Assert.ThrowsAsync<GhostAssist.Api.Infrastructure.ApiProblemException>(() =>
            scope.ServiceProvider.GetRequiredService<ITemplateDraftSource>().RenderAsync(Guid.Parse(id), otherTenant, analysis, CancellationToken.None));
        Assert.Equal(404, refused.Status);
    }

    [Fact]
    public async Task DraftWithTemplateIdRendersTheTemplateWithTheThreadsFacts()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        // A worried check-in fits a proposal left unanswered, so drafting accepts the play.
        const string kind = FollowUpKinds.WorriedCheckIn;
        var (id, _) = await CreateAsync(lead, NewTemplate("Demo grounded", kind: kind, subject: "", body: "Hi {{contactFirstName}},\n\nHow is {{company}} getting on? {{userFirstName}}"));

        using var response = await lead.PostAsJsonAsync("/api/drafts", new { conversationId = "demo-harrowgate-proposal", templateId = id });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
        var facts = draft.GetProperty("facts");
        var contact = facts.GetProperty("contactFirstName").GetString();
        var company = facts.GetProperty("company").GetString();
        Assert.False(string.IsNullOrWhiteSpace(contact));
        Assert.False(string.IsNullOrWhiteSpace(company));
        var expected = $"Hi {contact},\n\nHow is {company} getting on? {facts.GetProperty("userFirstName").GetString()}";
        Assert.Equal(expected, draft.GetProperty("bodyText").GetString());
        Assert.Equal(kind, draft.GetProperty("kind").GetString());
        Assert.Equal("template", draft.GetProperty("provider").GetString());
        Assert.Equal(1, (await lead.GetFromJsonAsync<JsonElement>($"/api/templates/{id}")).GetProperty("usage").GetProperty("used").GetInt32());

        // The render endpoint reads the same thread the same way.
        using var rendered = await lead.PostAsJsonAsync($"/api/templates/{id}/render", new { conversationId = "demo-harrowgate-proposal" });
        Assert.Equal(expected, (await rendered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bodyText").GetString());
        using var unknown = await lead.PostAsJsonAsync($"/api/templates/{id}/render", new { conversationId = "no-such-thread" });
        await AssertProblem(unknown, HttpStatusCode.NotFound, "no conversation");
        using var foreign = await Factory.CreateClientAs(TestUser.Member(NewTenant())).PostAsJsonAsync("/api/drafts", new { conversationId = "demo-harrowgate-proposal", templateId = id });
        await AssertProblem(foreign, HttpStatusCode.NotFound, "no template");
    }

    [Fact]
    public async Task UsageIsCountedWithoutChangingTheETag()
    {
        var tenant = NewTenant();
        using var lead = Factory.CreateClientAs(TestUser.Lead(tenant));
        using var member = Factory.CreateClientAs(TestUser.Member(tenant));
        var (id, etag) = await CreateAsync(lead, NewTemplate("Counted", scope: "team", published: true));

        (await member.PostAsJsonAsync($"/api/templates/{id}/usage", new { @event = "used" })).Dispose();
        (await member.PostAsJsonAsync($"/api/templates/{id}/usage", new { @event = "used" })).Dispose();
        using var inserted = await member.PostAsJsonAsync($"/api/templates/{id}/usage", new { @event = "inserted" });

        var usage = await inserted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, usage.GetProperty("used").GetInt32());
        Assert.Equal(1, usage.GetProperty("inserted").GetInt32());
        using var read = await lead.GetAsync($"/api/templates/{id}");
        Assert.Equal(etag, read.Headers.ETag?.Tag);
        using var bad = await member.PostAsJsonAsync($"/api/templates/{id}/usage", new { @event = "liked" });
        await AssertProblem(bad, HttpStatusCode.BadRequest, "used");
        using var foreign = await Factory.CreateClientAs(TestUser.Lead(NewTenant())).PostAsJsonAsync($"/api/templates/{id}/usage", new { @event = "used" });
        await AssertProblem(foreign, HttpStatusCode.NotFound, "no template");
    }

    [Fact]
    public async Task VariablesAreListedWithDescriptionsAndExamples()
    {
        using var member = Factory.CreateClientAs(TestUser.Member(NewTenant()));

        var variables = await ListAsync(member, "/api/templates/variables");

        var first = variables.First(v => v.GetProperty("name").GetString() == "contactFirstName");
        Assert.Equal("{{contactFirstName}}", first.GetProperty("token").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("description").GetString()));
        Assert.Contains(variables, v => v.GetProperty("name").GetString() == "daysSilent");
        Assert.Contains(variables, v => v.GetProperty("name").GetString() == "nextStepDate");
        Assert.Contains(variables, v => v.GetProperty("name").GetString() == "proposedSlot");
    }

    [Fact]
    public async Task NoTemplateTextReachesTheLogs()
    {
        using var lead = Factory.CreateClientAs(TestUser.Lead(NewTenant()));
        var secret = $"Confidential pricing {Guid.NewGuid():N}";
        var (id, etag) = await CreateAsync(lead, NewTemplate("Logged?", body: secret));
        (await SendAsync(lead, HttpMethod.Put, $"/api/templates/{id}", etag, NewTemplate("Logged?", body: secret + " v2"))).Dispose();
        (await lead.PostAsJsonAsync($"/api/templates/{id}/render", new { values = new { contactFirstName = secret } })).Dispose();

        Assert.DoesNotContain(secret, Factory.Logs.All);
        Assert.Contains(id, Factory.Logs.All);
    }

    [Fact]
    public async Task HealthChecksTheTemplateStore()
    {
        using var client = Factory.CreateClient();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("templates").GetString());
        var me = await Factory.CreateClientAs(TestUser.Member(NewTenant())).GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(store.Provider, me.GetProperty("sources").GetProperty("templates").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheTemplateEndpoints()
    {
        using var client = Factory.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));

        var paths = json.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/templates", "/api/templates/{id}", "/api/templates/{id}/versions", "/api/templates/{id}/versions/{version}/restore",
            "/api/templates/{id}/render", "/api/templates/{id}/publish", "/api/templates/export", "/api/templates/import", "/api/templates/variables" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"the document lists {path}");
        }

        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("Templates.TemplateDto").GetProperty("properties").TryGetProperty("etag", out _), "TemplateDto documents its etag");
        Assert.True(paths.GetProperty("/api/templates/{id}").GetProperty("put").GetProperty("responses").TryGetProperty("412", out _), "PUT documents 412");
        Assert.Contains(paths.GetProperty("/api/templates/{id}").GetProperty("put").GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("in").GetString() == "header");
    }

    private static object NewTemplate(
        string name, string kind = "re-engage", string subject = "Following up", string body = FollowUpBody,
        string[]? tags = null, string? scope = null, string? team = null, bool? published = null) =>
        new { name, kind, subject, body, tags = tags ?? [], scope, team, published };

    private static async Task<(string Id, string ETag)> CreateAsync(HttpClient client, object template)
    {
        using var response = await client.PostAsJsonAsync("/api/templates", template);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, response.Headers.ETag!.Tag);
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? ifMatch, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }
}
