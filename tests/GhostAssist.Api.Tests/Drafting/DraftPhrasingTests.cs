using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GhostAssist.Api.Tests.Drafting;

/// <summary>
/// How the built-in drafts read, on every demo thread, every play that applies and every tone: the faults a
/// reader notices first (a fallback noun landing next to itself, a goal quoted inside a sentence, an empty
/// fact, a tone that only swaps the greeting) stated generally, so a new thread or phrasing cannot bring them back.
/// </summary>
public sealed partial class DraftPhrasingTests(DraftPhrasingTests.DemoDrafts demo) : IClassFixture<DraftPhrasingTests.DemoDrafts>
{
    public sealed record DemoDraft(string Thread, string Kind, string Tone, string Subject, string Body)
    {
        public override string ToString() => $"{Thread} {Kind} {Tone}:\n{Subject}\n{Body}";
    }

    /// <summary>Every demo draft, fetched once over HTTP for the class (a few hundred requests: the per-user rate limit is raised for it).</summary>
    public sealed class DemoDrafts : IAsyncLifetime
    {
        private readonly GhostAssistFactory _factory = GhostAssistFactory.Create(new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "100000" });

        public IReadOnlyList<DemoDraft> All { get; private set; } = [];

        public async Task InitializeAsync()
        {
            IReadOnlyList<MailThread> threads;
            using (var scope = _factory.Services.CreateScope())
            {
                threads = await scope.ServiceProvider.GetRequiredService<DemoMailbox>().GetRecentThreadsAsync(CancellationToken.None);
            }

            using var client = _factory.CreateClient();
            var drafts = new List<DemoDraft>();
            foreach (var thread in threads)
            {
                foreach (var kind in FollowUpKinds.All)
                {
                    foreach (var tone in DraftTone.All)
                    {
                        using var response = await client.PostAsJsonAsync("/api/drafts", new { conversationId = thread.ConversationId, kind, tone });
                        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
                        {
                            continue;
                        }

                        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                        var draft = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                        drafts.Add(new DemoDraft(thread.ConversationId, kind, tone, draft.GetProperty("subject").GetString()!, draft.GetProperty("bodyText").GetString()!));
                    }
                }
            }

            All = drafts;
        }

        public Task DisposeAsync()
        {
            _factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private Task<IReadOnlyList<DemoDraft>> AllDemoDrafts()
    {
        Assert.True(demo.All.Count >= 100, $"only {demo.All.Count} demo drafts");
        return Task.FromResult(demo.All);
    }

    private static IEnumerable<string> Sentences(string body) =>
        SentenceBreak().Split(body).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "to", "you", "your", "we", "i", "me", "my", "our", "us", "it", "is", "of", "for", "on", "by", "in", "and",
        "if", "that", "this", "will", "be", "can", "with", "so", "what", "at", "or", "are", "do", "have", "as", "from", "not", "no",
    };

    [Fact]
    public async Task NoDemoDraftRepeatsANounPhraseInsideOneSentence()
    {
        // "work on the work we scoped", "next steps for the next steps": a fallback phrase dropped into a slot that already says it.
        var faults = new List<string>();
        foreach (var draft in await AllDemoDrafts())
        {
            foreach (var sentence in Sentences(draft.Body))
            {
                var words = WordPattern().Matches(sentence.ToLowerInvariant()).Select(m => m.Value).ToList();
                var pairs = words.Zip(words.Skip(1), (a, b) => (a, b)).Where(p => !(Common.Contains(p.a) && Common.Contains(p.b))).ToList();
                var repeated = pairs.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1)?.Key;
                var echoed = words.Where(w => !Common.Contains(w) && w.Length > 3 && !char.IsDigit(w[0]))
                    .GroupBy(w => w).FirstOrDefault(g => g.Count() > 1 && ConnectedEcho(sentence, g.Key))?.Key;
                if (repeated is not null || echoed is not null)
                {
                    faults.Add($"\"{sentence}\" ({(repeated is { } r ? $"{r.a} {r.b}" : echoed)}) in {draft.Thread} {draft.Kind} {draft.Tone}");
                }
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    // "work on the work", "steps for the next steps": the same word on both sides of a preposition.
    private static bool ConnectedEcho(string sentence, string word) =>
        Regex.IsMatch(sentence, $@"\b{Regex.Escape(word)}\w*\s+(?:on|for|of|with|about|from)\s+(?:\w+\s+){{0,2}}{Regex.Escape(word)}", RegexOptions.IgnoreCase);

    [Fact]
    public async Task NoDemoDraftQuotesTheThreadOrLeavesAFactEmpty()
    {
        var faults = new List<string>();
        foreach (var draft in await AllDemoDrafts())
        {
            var text = draft.Subject + "\n" + draft.Body;
            if (text.IndexOfAny(['"', '\u201C', '\u201D']) >= 0)
            {
                faults.Add($"quotation marks: {draft}");
            }

            if (EmptyFact().Match(text) is { Success: true } empty)
            {
                faults.Add($"empty or placeholder fact \"{empty.Value}\": {draft}");
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n\n", faults));
    }

    [Fact]
    public async Task OutcomesAreListedAsWhatTheyGetNotAsBareInstructions()
    {
        // "What it means for you: - cut call volumes by a fifth" reads as an order to the customer.
        var faults = (await AllDemoDrafts())
            .SelectMany(d => d.Body.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal) && !line.Contains(" will: "))
                .Where(line => DraftPlanner.OutcomeAsAim(line[2..]) is not null)
                .Select(line => $"{d.Thread} {d.Kind} {d.Tone}: {line}"))
            .ToList();

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task EveryDemoDraftHasASubjectOfThreeOrFourWords()
    {
        var faults = (await AllDemoDrafts()).Where(d => DraftCoach.CountWords(d.Subject) is not (3 or 4)).Select(d => $"{d.Thread} {d.Kind} {d.Tone}: \"{d.Subject}\"").ToList();

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task ToneChangesTheGreetingTheSignOffAndTheWording()
    {
        var faults = new List<string>();
        foreach (var group in (await AllDemoDrafts()).GroupBy(d => (d.Thread, d.Kind)))
        {
            var byTone = group.ToDictionary(d => d.Tone);
            Assert.Equal(DraftTone.All.Count, byTone.Count);
            var greetings = byTone.Values.Select(d => d.Body.Split('\n')[0]).Distinct().Count();
            var signOffs = byTone.Values.Select(d => d.Body.Split('\n')[^2]).Distinct().Count();

            // The wording between greeting and sign-off, sentence by sentence: each tone says something the others do not.
            var middles = byTone.ToDictionary(p => p.Key, p => Sentences(string.Join('\n', p.Value.Body.Split('\n')[1..^2])).ToHashSet());
            var sameWording = DraftTone.All.Where(t => DraftTone.All.Where(o => o != t).All(o => middles[t].IsSubsetOf(middles[o]))).ToList();
            if (greetings != 3 || signOffs != 3 || sameWording.Count > 0)
            {
                faults.Add($"{group.Key.Thread} {group.Key.Kind}: {greetings} greetings, {signOffs} sign-offs, no own wording in {string.Join(", ", sameWording)}");
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Theory]
    [InlineData("We really need to make a decision in November", "make a decision in November")]
    [InlineData("our goal is to cut call volumes by a fifth", "cut call volumes by a fifth")]
    [InlineData("We\u2019d like to start before our busy season", "start before your busy season")]
    [InlineData("decide this month so we have time to migrate", "decide this month so you have time to migrate")]
    [InlineData("we are aiming to have everyone on it by March", "have everyone on it by March")]
    public void AStatedGoalIsRetoldAsTheirAimInTheSecondPerson(string stated, string clause) =>
        Assert.Equal(clause, DraftPlanner.GoalClause(stated));

    [Theory]
    [InlineData("Budget approval is the big hurdle")]
    [InlineData("the board wants numbers")]
    [InlineData(null)]
    public void AGoalThatDoesNotReadAsAnAimIsLeftOutRatherThanQuoted(string? stated) =>
        Assert.Null(DraftPlanner.GoalClause(stated));

    [Theory]
    [InlineData("cut call volumes by a fifth", "cut call volumes by a fifth")]
    [InlineData("reduce our onboarding time", "reduce your onboarding time")]
    [InlineData("the redelivery costs fixed before peak", null)]
    [InlineData("missed windows under 5% before peak season", null)]
    public void AnOutcomePhrasedAsSomethingToDoIsRetoldAsTheirAim(string outcome, string? aim) =>
        Assert.Equal(aim, DraftPlanner.OutcomeAsAim(outcome));

    [Theory]
    [InlineData("Orbitalpay", "the Orbital Pay rollout plan", "Orbital Pay")]
    [InlineData("Contoso", "the Contoso pilot", "Contoso")]
    [InlineData("Hansefreight", "the proposal", "Hansefreight")]
    public void ACompanyNameFromAMailDomainIsWrittenAsTheThreadSpellsIt(string company, string topic, string written) =>
        Assert.Equal(written, DraftPlanner.CompanyAsWritten(company, topic));

    [Fact]
    public void AThreadWithoutATopicGetsSentencesWrittenForNoTopicInEveryPlayAndTone()
    {
        var faults = new List<string>();
        foreach (var kind in FollowUpKinds.All)
        {
            foreach (var tone in DraftTone.All)
            {
                foreach (var conversation in Enumerable.Range(1, 6).Select(i => $"conv-notopic-{i}"))
                {
                    var analysis = DraftingThreads.Prospect(conversationId: conversation, topic: "Re: [EXT] SSO / SCIM rollout | phase 2");
                    analysis = analysis with { Facts = analysis.Facts with { Postponement = new DatedMention("pick this up in January", new DateOnly(2027, 1, 4), "m2") } };
                    string body;
                    try
                    {
                        body = ComposerTests.Draft(analysis, kind, tone).Draft.BodyText;
                    }
                    catch (GhostAssist.Api.Infrastructure.ApiProblemException)
                    {
                        continue;
                    }

                    if (Regex.IsMatch(body, @"\b(the (work|plan|next steps) we (scoped|discussed)|work on the work|steps for the next steps|steps on the next steps)\b|SSO|\[EXT\]", RegexOptions.IgnoreCase))
                    {
                        faults.Add($"{kind} {tone}:\n{body}");
                    }
                }
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n\n", faults));
    }

    [GeneratedRegex(@"(?<=[.?!:])\s+|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[a-z][a-z'-]*|\d+")]
    private static partial Regex WordPattern();

    // Left-over template slots, empty values, doubled words and spacing around punctuation.
    [GeneratedRegex(@"\{[^}]*\}|\bnull\b|\bthe the\b|\bon \.|\bfor \.|\s[,.;:?]|\(\)|  |\b(\w+) \1\b", RegexOptions.IgnoreCase)]
    private static partial Regex EmptyFact();
}
