using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Templates;

/// <summary>A variable a template may use as {{name}}.</summary>
public sealed record TemplateVariable(string Name, string Description, string Example, string Placeholder);

/// <summary>The result of rendering: plain text for the draft, and an HTML form in which everything is escaped.</summary>
public sealed record RenderResult(string Subject, string BodyText, string BodyHtml, IReadOnlyList<string> Missing, IReadOnlyList<string> Warnings);

/// <summary>The documented variables, the parser that refuses unknown ones, and the renderer.</summary>
public static partial class TemplateVariables
{
    public static readonly IReadOnlyList<TemplateVariable> All =
    [
        new("contactFirstName", "The contact's first name.", "Dana", "[contact's first name]"),
        new("contactName", "The contact's full name.", "Dana Whitfield", "[contact's name]"),
        new("company", "The contact's company.", "Northwind Traders", "[company]"),
        new("userFirstName", "Your first name.", "Alex", "[your first name]"),
        new("userName", "Your full name.", "Alex Morgan", "[your name]"),
        new("daysSilent", "Whole days since the contact last replied.", "12", "[days silent]"),
        new("subject", "The thread's subject.", "Renewal proposal", "[thread subject]"),
        new("lastTopic", "What you last sent or asked about, in a few words.", "the proposal and pricing", "[last topic]"),
        new("lastAsk", "Your last open ask of them.", "could you confirm the start date?", "[last ask]"),
        new("statedGoal", "Their stated goal, as they wrote it.", "go live before the end of the quarter", "[their goal]"),
        new("outcome", "The main outcome for them that the thread mentions.", "cut onboarding time in half", "[outcome for them]"),
        new("deadline", "The deadline mentioned in the thread, as written.", "by the end of the month", "[deadline]"),
        new("deadlineDate", "The deadline's date.", "Friday 27 November", "[deadline date]"),
        new("nextStep", "The agreed next step, as written.", "a call next Tuesday", "[next step]"),
        new("nextStepDate", "The next step's date.", "Tuesday 1 December", "[next step date]"),
        new("seniorName", "A senior stakeholder seen in the thread.", "Priya Shah", "[senior stakeholder]"),
        new("proposedSlot", "A meeting slot you propose (given when rendering).", "Thursday 3 December at 10:00", "[proposed slot]"),
        new("today", "Today's date.", "Monday 23 November", "[today]"),
    ];

    private static readonly Dictionary<string, TemplateVariable> ByName = All.ToDictionary(v => v.Name, StringComparer.Ordinal);

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    // A placeholder is {{ name }}; anything between the braces that is not a known name is refused at save time.
    [GeneratedRegex(@"\{\{(?<name>[^{}]*)\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PlaceholderPattern();

    /// <summary>The variable names a text uses, in order of first use.</summary>
    public static IReadOnlyList<string> UsedIn(params string[] texts) =>
        texts.SelectMany(t => PlaceholderPattern().Matches(t)).Select(m => m.Groups["name"].Value.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Names used in the texts that are not documented variables, and whether braces are left unmatched.</summary>
    public static (IReadOnlyList<string> Unknown, bool Unbalanced) Check(params string[] texts)
    {
        var unknown = UsedIn(texts).Where(n => !IsKnown(n)).ToArray();
        var unbalanced = texts.Any(t =>
        {
            var rest = PlaceholderPattern().Replace(t, string.Empty);
            return rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal);
        });
        return (unknown, unbalanced);
    }

    /// <summary>The values a thread gives, by variable name (missing facts are absent, never empty strings).</summary>
    public static Dictionary<string, string> FromThread(ThreadAnalysis analysis, AppUser user, DateTimeOffset now)
    {
        var facts = analysis.Facts;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(values, "contactFirstName", facts.ContactFirstName);
        Put(values, "contactName", facts.ContactName);
        Put(values, "company", facts.Company);
        Put(values, "userFirstName", facts.UserFirstName ?? user.FirstName);
        Put(values, "userName", facts.UserName ?? user.Name);
        Put(values, "daysSilent", analysis.DaysSilent.ToString(CultureInfo.InvariantCulture));
        Put(values, "subject", analysis.Subject);
        Put(values, "lastTopic", facts.LastTopic);
        Put(values, "lastAsk", facts.LastAsk);
        Put(values, "statedGoal", facts.StatedGoal);
        Put(values, "outcome", facts.Outcomes.FirstOrDefault());
        Put(values, "deadline", facts.Deadline?.Text);
        Put(values, "deadlineDate", FormatDate(facts.Deadline?.Date));
        Put(values, "nextStep", facts.NextStep?.Text);
        Put(values, "nextStepDate", FormatDate(facts.NextStep?.Date));
        Put(values, "seniorName", facts.SeniorStakeholder?.Name);
        Put(values, "today", FormatDate(DateOnly.FromDateTime(now.UtcDateTime)));
        return values;
    }

    /// <summary>The values known without a thread: the user and the date.</summary>
    public static Dictionary<string, string> FromUser(AppUser user, DateTimeOffset now)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(values, "userFirstName", user.FirstName);
        Put(values, "userName", user.Name);
        Put(values, "today", FormatDate(DateOnly.FromDateTime(now.UtcDateTime)));
        return values;
    }

    public static string? FormatDate(DateOnly? date) =>
        date?.ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    /// <summary>
    /// Replaces each {{name}} by its value. A value that is missing becomes a visible placeholder such as
    /// "[contact's first name]" with a warning, so a draft never goes out with a silent gap.
    /// </summary>
    public static RenderResult Render(string subject, string body, IReadOnlyDictionary<string, string> values, int maxLength = int.MaxValue)
    {
        var missing = new List<string>();
        var written = 0;

        // Built piece by piece and stopped at the limit, so an oversized render never exists in memory.
        string Fill(string text)
        {
            var output = new StringBuilder();
            var last = 0;
            foreach (Match match in PlaceholderPattern().Matches(text))
            {
                Append(output, text.AsSpan(last, match.Index - last));
                var name = match.Groups["name"].Value.Trim();
                string replacement;
                if (values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    replacement = value.Trim();
                }
                else
                {
                    if (!missing.Contains(name))
                    {
                        missing.Add(name);
                    }

                    replacement = ByName.TryGetValue(name, out var variable) ? variable.Placeholder : $"[{name}]";
                }

                Append(output, replacement);
                last = match.Index + match.Length;
            }

            Append(output, text.AsSpan(last));
            return output.ToString();
        }

        void Append(StringBuilder output, ReadOnlySpan<char> piece)
        {
            written += piece.Length;
            if (written > maxLength)
            {
                throw ApiProblemException.Unprocessable(
                    $"The rendered template would be longer than {maxLength:N0} characters; shorten the template or the values given to its variables.",
                    new Dictionary<string, object?> { ["maxRenderedLength"] = maxLength });
            }

            output.Append(piece);
        }

        var renderedSubject = Fill(subject);
        var renderedBody = Fill(body);
        var warnings = missing
            .Select(n => $"No value for {{{{{n}}}}}: the draft shows {(ByName.TryGetValue(n, out var v) ? v.Placeholder : $"[{n}]")}; fill it in before sending.")
            .ToArray();
        return new RenderResult(renderedSubject, renderedBody, PlainTextHtml.Paragraphs(renderedBody), missing, warnings);
    }

    private static void Put(Dictionary<string, string> values, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values[name] = value.Trim();
        }
    }
}
