using System.Text;
using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.People;

namespace GhostAssist.Api.Invites;

public sealed record InviteText(string Subject, string BodyText, string BodyHtml);

/// <summary>
/// The invite's words, from the seeds: a subject of a few words, a body that says what the meeting
/// gets them (their WIIFM, from the thread's facts), a three-point agenda ending in a dated mutual
/// next step, and the user's name.
/// </summary>
public static partial class InviteContent
{
    // Keyword → a two-word meeting name; the first match in the topic wins.
    private static readonly (string Keyword, string Name)[] Names =
    [
        ("proposal", "Proposal walk-through"),
        ("pricing", "Pricing walk-through"),
        ("quote", "Quote walk-through"),
        ("contract", "Contract review"),
        ("order form", "Order form review"),
        ("renewal", "Renewal check-in"),
        ("onboarding", "Onboarding check-in"),
        ("rollout", "Rollout planning"),
        ("migration", "Migration planning"),
        ("pilot", "Pilot review"),
        ("demo", "Demo follow-up"),
        ("security", "Security review"),
    ];

    private const int MaxTopicWords = 6;
    private const int MaxOutcomeLength = 200;

    public static string Subject(string? topic, int minutes)
    {
        var name = topic is null ? null : Names.FirstOrDefault(n => topic.Contains(n.Keyword, StringComparison.OrdinalIgnoreCase)).Name;
        return $"{name ?? "Next steps"}, {minutes} min";
    }

    public static InviteText Compose(InviteThread? thread, IcsPerson? contact, string userName, int minutes, string? subject, string? body)
    {
        var facts = thread?.Facts;
        var subjectTopic = Clean(StripPrefixes(thread?.Subject));
        var factTopic = Clean(facts?.LastTopic);
        // The analyzer's topic is a few words when it is sure; a longer one reads worse than the subject line.
        var topic = Short(factTopic) ?? Short(subjectTopic);
        var finalSubject = string.IsNullOrWhiteSpace(subject) ? Subject($"{subjectTopic} {factTopic}", minutes) : subject.Trim();
        if (!string.IsNullOrWhiteSpace(body))
        {
            var text = body.Trim();
            return new InviteText(finalSubject, text, PlainTextHtml.Paragraphs(text));
        }

        var firstName = PersonNames.FirstName(facts?.ContactFirstName) ?? PersonNames.FirstName(contact?.Name, contact?.Address);
        var greeting = firstName is null ? "Hi," : $"Hi {firstName},";

        // Their words first (the stated goal), then what is in it for them; with neither, the ask itself.
        var why = new List<string>();
        if (Clean(facts?.StatedGoal) is { } goal)
        {
            var quoted = goal.Trim('"', ' ');
            var stop = quoted.EndsWith('.') || quoted.EndsWith('!') || quoted.EndsWith('?') ? "" : ".";
            why.Add($"You wrote: \"{quoted}{stop}\" These {minutes} minutes are to get you there.");
        }

        if (facts?.Outcomes?.Select(Clean).FirstOrDefault(o => o is { Length: <= MaxOutcomeLength } && !SpeaksForUs().IsMatch(o)) is { } outcome)
        {
            why.Add($"What you get: {TrimEnd(outcome)}.");
        }

        if (why.Count == 0)
        {
            why.Add($"{minutes} minutes to answer your questions{(topic is null ? "" : $" on {topic}")}, so you can decide with everything you need.");
        }

        var agenda = new[]
        {
            topic is null ? "Where things stand, from your side." : $"Where things stand on {topic}, from your side.",
            "Your questions, and what you need to decide.",
            "A dated next step: what I do, what you do, what we do together.",
        };
        var signature = userName.Trim();

        var plain = new StringBuilder()
            .Append(greeting).Append("\n\n")
            .Append(string.Join('\n', why)).Append("\n\n")
            .Append("Agenda:\n");
        for (var i = 0; i < agenda.Length; i++)
        {
            plain.Append(i + 1).Append(". ").Append(agenda[i]).Append('\n');
        }

        plain.Append('\n').Append(signature);

        var html = new StringBuilder()
            .Append("<p>").Append(PlainTextHtml.Escape(greeting)).Append("</p>")
            .Append(string.Concat(why.Select(line => "<p>" + PlainTextHtml.Escape(line) + "</p>")))
            .Append("<p>Agenda:</p><ol>");
        foreach (var point in agenda)
        {
            html.Append("<li>").Append(PlainTextHtml.Escape(point)).Append("</li>");
        }

        html.Append("</ol><p>").Append(PlainTextHtml.Escape(signature)).Append("</p>");
        return new InviteText(finalSubject, plain.ToString(), html.ToString());
    }

    private static string? Short(string? topic) => topic is not null && topic.Split(' ').Length <= MaxTopicWords ? topic : null;

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : Whitespace().Replace(value.Trim(), " ");

    private static string TrimEnd(string value) => value.TrimEnd('.', '!', ' ');

    private static string? StripPrefixes(string? subject) =>
        subject is null ? null : Prefixes().Replace(subject, "").Trim() is { Length: > 0 } stripped ? stripped : null;

    // An "outcome" in our own voice ("I'd like to...", "Resending the results...") is not what they get.
    [GeneratedRegex(@"^(I|I'd|I'm|I've|I'll|We|We'd|We're|We've|We'll|Our|My|Just|Resending|Following|Checking|Circling|Sending|Attaching|Sharing|Bumping)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SpeaksForUs();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\s*((re|fw|fwd|aw|sv|wg)\s*:\s*)+", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Prefixes();
}
