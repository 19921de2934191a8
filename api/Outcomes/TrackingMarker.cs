using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Outcomes;

/// <summary>
/// The marker a tracked follow-up carries: one custom internet header,
/// <c>X-GhostAssist-Play: calendar-invite; situation=days-silent; template=0f8c…</c>. It names the play,
/// the thread's top signal when the follow-up was drafted, and the template when one was used. Nothing
/// of the text. The pane sets it in compose mode; drafts saved through Graph carry it from creation.
/// </summary>
public static partial class TrackingMarker
{
    public const string HeaderName = "X-GhostAssist-Play";

    /// <summary>The situation written when the thread showed no signal at all.</summary>
    public const string NoSituation = "none";

    public static string Format(string play, string? situation, Guid? templateId)
    {
        var value = $"{play}; situation={CleanSituation(situation)}";
        return templateId is { } id ? $"{value}; template={id:N}" : value;
    }

    /// <summary>The marker of a message, or null when it has none or the value is not one we wrote.</summary>
    public static Marker? Read(IReadOnlyList<Mail.GraphInternetMessageHeader>? headers)
    {
        var header = headers?.FirstOrDefault(h => h is not null && string.Equals(h.Name?.Trim(), HeaderName, StringComparison.OrdinalIgnoreCase));
        return header?.Value is { } value ? Parse(value) : null;
    }

    public static Marker? Parse(string value)
    {
        if (value.Length > 400)
        {
            return null;
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !FollowUpKinds.IsKnown(parts[0].ToLowerInvariant()))
        {
            return null;
        }

        string situation = NoSituation, template = "";
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var name = part[..equals].Trim().ToLowerInvariant();
            var text = part[(equals + 1)..].Trim();
            if (name == "situation")
            {
                situation = CleanSituation(text);
            }
            else if (name == "template" && Guid.TryParse(text, out var id))
            {
                template = id.ToString("N");
            }
        }

        return new Marker(parts[0].ToLowerInvariant(), situation, template);
    }

    // Signal codes are kebab-case words; anything else (a forged or mangled header) becomes "none" rather than a new row key.
    private static string CleanSituation(string? situation) =>
        situation is not null && SituationPattern().IsMatch(situation.Trim()) ? situation.Trim().ToLowerInvariant() : NoSituation;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SituationPattern();

    /// <summary>What a marker says: the play, the situation and the template ("" when none, else "N" format).</summary>
    public sealed record Marker(string Play, string Situation, string TemplateKey);
}
