using System.Globalization;
using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Drafting;

/// <summary>
/// What the coach knows of the thread a draft answers: the contact's first name, the facts a draft can
/// cite (topic, deliverables, outcomes, goal, timeline), the thread's own open ask (action, consequence,
/// date) and how many of our messages went unanswered.
/// </summary>
public sealed record CoachContext(
    string? ContactFirstName,
    IReadOnlyList<string> Facts,
    string? AskAction,
    string? AskConsequence,
    DateOnly? AskDue,
    string? AskDuePhrase,
    int OurUnanswered)
{
    public bool HasAsk => AskAction is not null || AskConsequence is not null || AskDue is not null;

    public static CoachContext From(DraftPlan plan)
    {
        var facts = plan.Analysis.Facts;
        var cited = new List<string?> { plan.Facts.Topic, plan.Facts.GoalClause ?? plan.Facts.Goal, plan.Facts.DeadlineText, facts.Timeline?.Text };
        cited.AddRange(plan.Facts.Outcomes);
        cited.AddRange(facts.Deliverables.Select(d => d.Kind));
        var ask = facts.OpenAsk;
        return new CoachContext(
            plan.ToFirstName,
            cited.OfType<string>().Where(f => f.Length > 2).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            ask?.Action, ask?.Consequence, ask?.Due is { } due && due >= plan.Today ? due : null, ask?.DuePhrase,
            plan.Analysis.AwaitingThem ? plan.Analysis.UnansweredChases : 0);
    }
}

/// <summary>The substance half of the coach (35 points): docs/decisions/0311-coach-substance.md.</summary>
public static partial class CoachSubstance
{
    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "for", "with", "that", "this", "your", "you", "our", "their", "from", "into", "have", "will", "before",
        "after", "about", "what", "when", "which", "them", "they", "were", "been", "being", "would", "could", "should", "more",
        "than", "then", "just", "some", "each", "every", "also", "only", "over", "under", "once", "there", "here", "week",
        // Words any follow-up uses: they say nothing about this thread.
        "one", "two", "team", "teams", "time", "times", "result", "results", "next", "step", "steps", "way", "work", "thing",
        "things", "day", "days", "plan", "call", "view", "start", "get", "make", "need", "want", "back", "still", "all",
    };

    public static int Slots(string text) => Slot().Matches(text).Count;

    public static int Score(string body, CoachContext context, List<CoachNote> reasons, List<CoachNote> tips)
    {
        var lower = body.ToLowerInvariant();
        var total = 0;

        // The contact named: a mail to "Hi there" reads like a mass mailing.
        var named = context.ContactFirstName is null || FirstLines(body).Contains(context.ContactFirstName, StringComparison.OrdinalIgnoreCase) ? 5 : 0;
        total += named;
        reasons.Add(new("contact-named", named > 0 ? "The contact is greeted by name." : "The contact is not named.", named, 5));
        if (named == 0)
        {
            tips.Add(new("contact-named", $"Greet {context.ContactFirstName} by name."));
        }

        // At least one fact of the thread: a draft that could be sent to anyone reads like it was.
        var factMax = context.HasAsk ? 15 : 25;
        var citedFacts = context.Facts.Where(f => Cites(lower, f)).ToList();
        var factPoints = context.Facts.Count == 0 ? factMax : citedFacts.Count switch { 0 => 0, 1 => factMax * 2 / 3, _ => factMax };
        total += factPoints;
        reasons.Add(new("thread-facts", context.Facts.Count == 0
            ? "The thread has no fact to cite."
            : citedFacts.Count == 0 ? "No fact of the thread is mentioned." : $"{citedFacts.Count} fact{(citedFacts.Count == 1 ? "" : "s")} of the thread mentioned.", factPoints, factMax));
        if (context.Facts.Count > 0 && citedFacts.Count == 0)
        {
            tips.Add(new("thread-facts", $"Mention what the thread is about, for example \"{context.Facts[0]}\"."));
        }

        // The thread's own ask: its action, consequence and date, not new ones.
        if (context.HasAsk)
        {
            var askPoints = 0;
            var missing = new List<string>();
            if (context.AskAction is null || Cites(lower, context.AskAction))
            {
                askPoints += 4;
            }
            else
            {
                missing.Add($"the action (\"{context.AskAction}\")");
            }

            if (context.AskConsequence is null || Cites(lower, context.AskConsequence))
            {
                askPoints += 3;
            }
            else
            {
                missing.Add($"the consequence (\"{context.AskConsequence}\")");
            }

            if (context.AskDue is null || NamesDate(body, context.AskDue.Value) || (context.AskDuePhrase is { } phrase && lower.Contains(phrase.ToLowerInvariant(), StringComparison.Ordinal)))
            {
                askPoints += 3;
            }
            else
            {
                missing.Add("the date");
            }

            total += askPoints;
            reasons.Add(new("thread-ask", missing.Count == 0 ? "Uses the thread's own ask, consequence and date." : $"Leaves out the thread's {string.Join(", ", missing)}.", askPoints, 10));
            if (missing.Count > 0)
            {
                tips.Add(new("thread-ask", $"Use the thread's own ask: {string.Join(", ", missing)}."));
            }
        }

        // An empty claim: announcing a summary, results or a recap, and then giving none.
        var claim = EmptyClaim().Match(body);
        var hollow = claim.Success && citedFacts.Count == 0 && !body.Contains("\n- ", StringComparison.Ordinal);
        var claimPoints = hollow ? 0 : 5;
        total += claimPoints;
        reasons.Add(new("empty-claims", hollow ? $"\"{claim.Value.Trim()}\" promises content the draft does not give." : "Every claim is backed by what the draft says.", claimPoints, 5));
        if (hollow)
        {
            tips.Add(new("empty-claims", "Either give the summary (the outcomes, with numbers) or drop the sentence that announces it."));
        }

        // Statements the thread contradicts: "since we last spoke" when we wrote and they did not answer.
        var contradiction = context.OurUnanswered > 0 ? Contradicts().Match(body) : Match.Empty;
        if (contradiction.Success)
        {
            total = Math.Max(0, total - 10);
            reasons.Add(new("agrees-with-thread", $"\"{contradiction.Value.Trim()}\" but {context.OurUnanswered} of our messages went unanswered.", -10, 0));
            tips.Add(new("agrees-with-thread", $"Say what happened: you wrote {context.OurUnanswered + 1} times without an answer, not that you have not spoken."));
        }

        return total;
    }

    /// <summary>A fact is cited when most of its content words (or its only one) appear in the draft.</summary>
    private static bool Cites(string lowerBody, string fact)
    {
        var words = Words().Matches(fact.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 3 && !Stop.Contains(w)).Distinct().ToList();
        if (words.Count == 0)
        {
            return false;
        }

        var found = words.Count(w => Words().Matches(lowerBody).Any(b => b.Value == w || (w.Length > 4 && b.Value.StartsWith(w[..^1], StringComparison.Ordinal))));
        return words.Count <= 2 ? found == words.Count : found >= 2 && found * 5 >= words.Count * 3;
    }

    private static bool NamesDate(string body, DateOnly date)
    {
        var month = date.ToString("MMMM", CultureInfo.InvariantCulture);
        var day = date.Day.ToString(CultureInfo.InvariantCulture);
        return Regex.IsMatch(body, $@"\b{day}(st|nd|rd|th)?\s+{month}\b|\b{month}\s+{day}(st|nd|rd|th)?\b|\bthe\s+{day}(st|nd|rd|th)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static string FirstLines(string body)
    {
        var lines = body.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', lines.Take(2));
    }

    [GeneratedRegex(@"\[[^\]\n]{2,80}\]", RegexOptions.CultureInvariant)]
    private static partial Regex Slot();

    [GeneratedRegex(@"[a-z0-9]+(?:'[a-z]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"\bhere(?:'s| is)\s+(?:a|an|the|your)\s+(?:\w+\s+){0,3}(?:summary|report card|recap|overview|view|update|round-?up)\b[^.\n]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmptyClaim();

    [GeneratedRegex(@"\b(?:since we (?:last )?(?:spoke|talked|were in touch|connected)|(?:we )?haven't (?:spoken|talked)|have not (?:spoken|talked)|been a while since we (?:spoke|talked))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Contradicts();
}
