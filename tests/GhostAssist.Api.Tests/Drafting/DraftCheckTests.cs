using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Analysis;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GhostAssist.Api.Tests.Drafting;

/// <summary>
/// The draft check: every labelled thread (Analysis/Labelled) and every demo thread, every play that applies,
/// drafted through POST /api/drafts with the built-in composer. For each play the check lists the facts of the
/// thread its draft must carry (read from POST /api/analysis: the outcomes for a report card, the open ask's
/// action, date and consequence for an action note, the silence for a worried check-in, the open commitments for
/// a recap…), and a fact the thread lacks must show as a visible [slot]. It prints the share of required facts
/// met per play and fails below the floor, and on any topic that does not read as English.
/// </summary>
public sealed partial class DraftCheckTests(DraftCheckTests.Factory factory, ITestOutputHelper output) : IClassFixture<DraftCheckTests.Factory>
{
    /// <summary>The labelled clock, and rate limits wide enough for some 800 requests from one caller.</summary>
    public sealed class Factory() : Infrastructure.GhostAssistFactory(
        new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "100000", ["RateLimiting:AnalysedBytesPerWindow"] = "1000000000" },
        TestThreads.FixedClock);

    /// <summary>Raised as the composer improves; the goal is 100%.</summary>
    private const double Floor = 1.0;

    private sealed record Required(string What, bool Met);

    [Fact]
    public async Task EveryDraftCarriesItsPlaysFactsOrASlot()
    {
        using var client = factory.CreateClient();
        var threads = new List<(string Name, string Me, JsonElement Messages)>();
        foreach (var file in Directory.GetFiles(LabelledThreadsTests.Folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var root = document.RootElement;
            threads.Add((Str(root, "name")!, Str(root, "me")!, root.GetProperty("messages").Clone()));
        }

        using (var scope = factory.Services.CreateScope())
        {
            foreach (var demo in await scope.ServiceProvider.GetRequiredService<DemoMailbox>().GetRecentThreadsAsync(CancellationToken.None))
            {
                threads.Add((demo.ConversationId, demo.Me, JsonSerializer.SerializeToElement(demo.Messages, new JsonSerializerOptions(JsonSerializerDefaults.Web))));
            }
        }

        var met = FollowUpKinds.All.ToDictionary(k => k, _ => 0);
        var required = FollowUpKinds.All.ToDictionary(k => k, _ => 0);
        var drafts = FollowUpKinds.All.ToDictionary(k => k, _ => 0);
        var misses = new List<string>();
        var verbose = Environment.GetEnvironmentVariable("GHOSTASSIST_SHOW_DRAFTS") == "1";
        foreach (var (name, me, messages) in threads)
        {
            using var analysisResponse = await client.PostAsJsonAsync("/api/analysis", new { me, messages });
            Assert.True(analysisResponse.IsSuccessStatusCode, $"{name}: {(int)analysisResponse.StatusCode}");
            var analysis = JsonDocument.Parse(await analysisResponse.Content.ReadAsStringAsync()).RootElement.Clone();
            if (verbose)
            {
                output.WriteLine($"=== {name}: facts {analysis.GetProperty("facts")}");
                foreach (var c in analysis.GetProperty("commitments").EnumerateArray())
                {
                    output.WriteLine($"  {Str(c, "kind")} owner={Str(c, "owner")} speaker={Str(c, "speaker")} {Str(c, "status")} due={Str(c, "due")} \"{Str(c, "action")}\" consequence=\"{Str(c, "consequence")}\"");
                }
            }

            foreach (var kind in FollowUpKinds.All)
            {
                using var response = await client.PostAsJsonAsync("/api/drafts", new { me, messages, kind });
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
                {
                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name} {kind}: {(int)response.StatusCode} {text}");
                var draft = JsonDocument.Parse(text).RootElement;
                var body = Str(draft, "bodyText")!;
                var askBy = DateOnly.Parse(Str(draft, "askBy")!, CultureInfo.InvariantCulture);
                drafts[kind]++;
                var checks = Requirements(kind, analysis, draft, body, askBy).ToList();
                foreach (var broken in BrokenTopics(body))
                {
                    checks.Add(new Required($"a topic that reads as English (\"{broken}\")", false));
                }

                required[kind] += checks.Count;
                met[kind] += checks.Count(c => c.Met);
                foreach (var miss in checks.Where(c => !c.Met))
                {
                    misses.Add($"{name} {kind}: misses {miss.What}");
                }

                if (verbose || checks.Any(c => !c.Met))
                {
                    output.WriteLine($"--- {name} {kind}: \"{Str(draft, "subject")}\"\n{body}\n");
                }
            }
        }

        var table = new StringBuilder();
        table.AppendLine($"{"play",-24} {"drafts",6} {"facts met",12} {"share",7}");
        foreach (var kind in FollowUpKinds.All)
        {
            table.AppendLine($"{kind,-24} {drafts[kind],6} {met[kind],5}/{required[kind],-6} {Share(met[kind], required[kind]),7:P1}");
        }

        table.AppendLine($"{"all (" + threads.Count + " threads)",-24} {drafts.Values.Sum(),6} {met.Values.Sum(),5}/{required.Values.Sum(),-6} {Share(met.Values.Sum(), required.Values.Sum()),7:P1}");
        output.WriteLine(table.ToString());
        output.WriteLine(string.Join('\n', misses));
        Assert.True(threads.Count >= 50, $"{threads.Count} threads");
        Assert.True(drafts.Values.All(d => d >= 5), "Every play is drafted on at least five threads.");
        foreach (var kind in FollowUpKinds.All)
        {
            Assert.True(Share(met[kind], required[kind]) >= Floor, $"{kind}: {met[kind]}/{required[kind]} facts met, below the floor of {Floor:P0}.\n{string.Join('\n', misses.Where(m => m.Contains($" {kind}:", StringComparison.Ordinal)))}");
        }
    }

    private static double Share(int met, int required) => required == 0 ? 1 : (double)met / required;

    /// <summary>What a draft of the play must carry on this thread, read from the analysis, never from the draft.</summary>
    private static IEnumerable<Required> Requirements(string kind, JsonElement analysis, JsonElement draft, string body, DateOnly askBy)
    {
        var facts = analysis.GetProperty("facts");
        var today = DateOnly.FromDateTime(TestThreads.Now.UtcDateTime);
        var to = draft.GetProperty("to")[0];
        var participant = analysis.GetProperty("participants").EnumerateArray()
            .FirstOrDefault(p => string.Equals(Str(p, "address"), Str(to, "address"), StringComparison.OrdinalIgnoreCase));
        var toName = participant.ValueKind == JsonValueKind.Object ? FirstNameOf(Str(participant, "name")) : null;
        if (toName is not null)
        {
            yield return new Required($"the recipient's name ({toName})", FirstLine(body).Contains(toName, StringComparison.Ordinal));
        }

        var outcomes = Strings(facts, "outcomes");
        var openAsk = facts.TryGetProperty("openAsk", out var ask) && ask.ValueKind == JsonValueKind.Object ? ask : (JsonElement?)null;
        var timeline = facts.TryGetProperty("timeline", out var t) && t.ValueKind == JsonValueKind.Object ? t : (JsonElement?)null;
        switch (kind)
        {
            case FollowUpKinds.WiifmSummary:
                if (outcomes.Count == 0)
                {
                    yield return new Required("a slot for the outcome (the thread states none)", HasSlot(body));
                }

                foreach (var outcome in outcomes)
                {
                    yield return new Required($"the outcome \"{outcome}\"", Cites(body, outcome));
                }

                break;

            case FollowUpKinds.ActionConsequence:
                // Our requests still owed: open, or answered only with a promise that is still open.
                var commitments = analysis.GetProperty("commitments").EnumerateArray().ToList();
                var theirPromiseOpen = commitments.Any(c => Str(c, "kind") == CommitmentValues.Promise && Str(c, "owner") == CommitmentValues.Them && Str(c, "status") is CommitmentValues.Open or CommitmentValues.Overdue);
                var requests = commitments.Where(c => Str(c, "kind") == CommitmentValues.Ask && Str(c, "speaker") == CommitmentValues.Us && Str(c, "owner") == CommitmentValues.Them
                    && (Str(c, "status") is CommitmentValues.Open or CommitmentValues.Overdue || (Str(c, "status") == CommitmentValues.Answered && theirPromiseOpen))
                    && Request().IsMatch(Str(c, "quote")!)).ToList();
                if (requests.Count > 0)
                {
                    yield return new Required($"one of the thread's requests (\"{Str(requests[^1], "action")}\")", requests.Any(r => Cites(body, Str(r, "action")!)));
                    var dues = requests.Select(r => Date(r, "due")).OfType<DateOnly>().Where(d => d > today).ToList();
                    if (dues.Count > 0)
                    {
                        yield return new Required($"the request's date ({dues[^1]:d MMMM})", dues.Any(d => NamesDate(body, d)));
                    }
                }
                else if (openAsk is { } theAsk && Date(theAsk, "due") is { } due && due > today)
                {
                    // "Before January" is asked for by the last working day before it.
                    yield return new Required($"the open ask's date {due:d MMMM}", Enumerable.Range(0, 4).Any(back => NamesDate(body, due.AddDays(-back))));
                }
                else
                {
                    yield return new Required($"the date asked for ({askBy:d MMMM})", NamesDate(body, askBy));
                }

                // The consequence may be its own sentence beside the request ("If not, your officers will be locked out").
                var said = (openAsk is { } withConsequence ? Str(withConsequence, "consequence") : null)
                    ?? commitments.Where(c => Str(c, "speaker") == CommitmentValues.Us && requests.Any(r => Str(r, "messageId") == Str(c, "messageId"))).Select(c => Str(c, "consequence")).LastOrDefault(c => c is not null);
                yield return said is not null
                    ? new Required($"the consequence \"{said}\"", Cites(body, said))
                    : new Required("a consequence: their timeline, or a slot (the thread states none)", (timeline is { } line && (Cites(body, Str(line, "text")!) || (Date(line, "date") is { } lineDate && lineDate > today && NamesDate(body, lineDate)))) || HasSlot(body));
                break;

            case FollowUpKinds.CalendarInvite:
                if (HasAnyFact(facts, outcomes))
                {
                    yield return new Required("a fact of the thread (what was sent, their goal, the topic or an outcome)", CitesAnyFact(body, facts, outcomes));
                }

                break;

            case FollowUpKinds.WorriedCheckIn:
                var days = analysis.GetProperty("daysSilent").GetInt32();
                yield return new Required($"the {days} days of silence", Regex.IsMatch(body, $@"\b{days} days\b"));
                var chases = analysis.GetProperty("unansweredChases").GetInt32();
                if (chases >= 2 && analysis.GetProperty("awaitingThem").GetBoolean())
                {
                    yield return new Required($"our {chases} unanswered messages", Regex.IsMatch(body, chases switch { 2 => @"\btwice\b", 3 => @"\bthree times\b", _ => $@"\b{chases} times\b" }));
                }

                break;

            case FollowUpKinds.MicroCommitmentRecap:
                // The newest open thing each side owes that names what is done (two words or more): a recap restates it.
                var owed = new List<JsonElement>();
                foreach (var owner in new[] { CommitmentValues.Us, CommitmentValues.Them })
                {
                    var last = analysis.GetProperty("commitments").EnumerateArray()
                        .Where(c => Str(c, "owner") == owner && Str(c, "status") is CommitmentValues.Open or CommitmentValues.Overdue
                            && (Str(c, "kind") == CommitmentValues.Promise || (Str(c, "kind") == CommitmentValues.Ask && Request().IsMatch(Str(c, "quote")!)))
                            && ContentWords(Str(c, "action")!).Count >= 2 && !Conditional().IsMatch(Str(c, "quote")!))
                        .LastOrDefault();
                    if (last.ValueKind == JsonValueKind.Object)
                    {
                        owed.Add(last);
                    }
                }

                if (owed.Count == 0 && HasAnyFact(facts, outcomes))
                {
                    yield return new Required("a fact of the thread (what was sent, their goal, the topic or an outcome)", CitesAnyFact(body, facts, outcomes));
                }

                foreach (var commitment in owed)
                {
                    var action = Str(commitment, "action")!;
                    yield return new Required($"the open {Str(commitment, "kind")} of {(Str(commitment, "owner") == CommitmentValues.Us ? "ours" : "theirs")} \"{action}\"", Cites(body, action));
                }

                break;

            case FollowUpKinds.MultiThread:
                var cc = draft.GetProperty("cc");
                if (cc.GetArrayLength() > 0 && analysis.GetProperty("facts").GetProperty("contactFirstName").GetString() is { } main)
                {
                    yield return new Required($"the main contact ({main})", body.Contains(main, StringComparison.Ordinal));
                }

                if (HasAnyFact(facts, outcomes))
                {
                    yield return new Required("a fact of the thread (what was sent, their goal, the topic or an outcome)", CitesAnyFact(body, facts, outcomes));
                }

                break;

            case FollowUpKinds.UrgencyTest:
                if (timeline is { } theirs && Date(theirs, "date") is { } by && by > today)
                {
                    yield return new Required($"their timeline ({Str(theirs, "text")})", NamesDate(body, by) || NamesMonth(body, by) || Cites(body, Str(theirs, "text")!));
                }

                yield return new Required("the question what happens if it slips", Regex.IsMatch(body, @"\bslip", RegexOptions.IgnoreCase));
                break;

            case FollowUpKinds.ReEngage:
                if (facts.TryGetProperty("postponement", out var later) && later.ValueKind == JsonValueKind.Object && Date(later, "date") is { } restart && restart > today)
                {
                    yield return new Required($"the time they named ({Str(later, "text")})", NamesMonth(body, restart) || NamesDate(body, restart));
                }

                yield return new Required("a question about what changed on their side", Regex.IsMatch(body, @"\bchanged\b", RegexOptions.IgnoreCase));
                break;
        }
    }

    /// <summary>A sentence asking the reader to do something: "could you send…", "please approve…", "your admins need to…", "the approval is needed".</summary>
    [GeneratedRegex(@"\b(?:could|can|would|will) (?:you|someone on your team|your team)\b(?! (?:let me know|tell me|update me|confirm (?:if|whether)|take \d+ minutes|find (?:a |some )?time|spare|join))|\bplease\b|\bneeds? to\b|\b(?:is|are) (?:needed|required)\b|\bwe (?:still )?need (?:your|the|an?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Request();

    /// <summary>A promise that waits on the reader ("If another time suits, move it and I'll follow", "send me a time and I'll fit in").</summary>
    [GeneratedRegex(@"^if\b|\band (?:I|we)(?:'ll| will) \w+(?: \w+)?[.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex Conditional();

    /// <summary>The name a greeting uses: "Dr. Jens Albers" and "Albers, Jens" are both Jens.</summary>
    private static string? FirstNameOf(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('@'))
        {
            return null;
        }

        var parts = name.Contains(',') ? name.Split(',', 2)[1].Trim().Split(' ') : name.Split(' ');
        var first = parts.FirstOrDefault(p => p.Length > 0 && !Regex.IsMatch(p, @"^(?:Dr|Mr|Mrs|Ms|Prof|Herr|Frau)\.?$"));
        return first is { Length: > 1 } && char.IsUpper(first[0]) ? first : null;
    }

    private static List<string> ContentWords(string text) =>
        Regex.Matches(text.ToLowerInvariant(), @"[a-z0-9€$£%]+(?:'[a-z]+)?").Select(m => m.Value).Where(w => (w.Length >= 3 || w.Any(char.IsDigit)) && !Stop.Contains(w)).Distinct().ToList();

    private static bool HasAnyFact(JsonElement facts, List<string> outcomes) =>
        outcomes.Count > 0 || facts.GetProperty("deliverables").GetArrayLength() > 0 || Str(facts, "lastTopic") is not null || Str(facts, "statedGoal") is not null
        || (facts.TryGetProperty("timeline", out var timeline) && timeline.ValueKind == JsonValueKind.Object);

    private static bool CitesAnyFact(string body, JsonElement facts, List<string> outcomes)
    {
        var candidates = new List<string>(outcomes);
        candidates.AddRange(facts.GetProperty("deliverables").EnumerateArray().Select(d => Str(d, "kind")!));
        foreach (var name in new[] { "lastTopic", "statedGoal" })
        {
            if (Str(facts, name) is { } value)
            {
                candidates.Add(value);
            }
        }

        if (facts.TryGetProperty("timeline", out var timeline) && timeline.ValueKind == JsonValueKind.Object)
        {
            candidates.Add(Str(timeline, "text")!);
        }

        return candidates.Any(c => Cites(body, c));
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Strings(JsonElement facts, string name) =>
        facts.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(e => e.GetString()!).ToList() : [];

    private static DateOnly? Date(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? DateOnly.Parse(value.GetString()!, CultureInfo.InvariantCulture) : null;

    private static string FirstLine(string body) => body.Split('\n')[0];

    private static bool HasSlot(string body) => Regex.IsMatch(body, @"\[[^\]\n]{2,80}\]");

    private static bool NamesDate(string body, DateOnly date)
    {
        // A date on a weekend is asked for on the Friday before.
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && NamesDate(body, date.AddDays(date.DayOfWeek == DayOfWeek.Saturday ? -1 : -2)))
        {
            return true;
        }

        var month = date.ToString("MMMM", CultureInfo.InvariantCulture);
        return Regex.IsMatch(body, $@"\b{date.Day}(?:st|nd|rd|th)?\s+{month}\b|\b{month}\s+{date.Day}\b|\b(?:today|tomorrow)\b", RegexOptions.IgnoreCase);
    }

    private static bool NamesMonth(string body, DateOnly date) =>
        body.Contains(date.ToString("MMMM", CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "for", "with", "that", "this", "your", "you", "our", "their", "from", "into", "have", "will", "before",
        "after", "about", "what", "when", "which", "them", "they", "were", "been", "would", "could", "should", "please",
        "can", "need", "needs", "team", "more", "than", "also", "just", "some", "all", "it's", "we're", "let", "know",
        "reminder", "needed", "required", "quick", "still", "don't", "do",
    };

    /// <summary>Most content words of the fact appear in the draft (a word's first five letters are enough: "approve"/"approval").</summary>
    private static bool Cites(string body, string fact)
    {
        var words = Regex.Matches(fact.ToLowerInvariant(), @"[a-z0-9€$£%]+(?:'[a-z]+)?").Select(m => m.Value).Where(w => (w.Length >= 3 || w.Any(char.IsDigit)) && !Stop.Contains(w)).Distinct().ToList();
        if (words.Count == 0)
        {
            return true;
        }

        var draftWords = Regex.Matches(body.ToLowerInvariant(), @"[a-z0-9€$£%]+(?:'[a-z]+)?").Select(m => m.Value).ToHashSet();
        var found = words.Count(w => draftWords.Contains(w) || (w.Length >= 5 && draftWords.Any(d => d.Length >= 5 && d[..5] == w[..5])));
        return words.Count <= 2 ? found >= 1 : found * 2 >= words.Count;
    }

    /// <summary>A subject line dropped into a sentence: a capitalised common noun after "the", or a status word ("the Connector approval needed").</summary>
    private static IEnumerable<string> BrokenTopics(string body)
    {
        foreach (Match match in Regex.Matches(body, @"\bthe (?:[A-Za-z-]+ ){0,4}(?:needed|required|pending|follow-up|followup|reminder|catch-up|re|fw|fwd)\b", RegexOptions.IgnoreCase))
        {
            yield return match.Value;
        }

        foreach (Match match in Regex.Matches(body, @"\b(?:on|through|about|keep|for|with) the (?:Re|Fw|Fwd|RE|FW):"))
        {
            yield return match.Value;
        }
    }
}
