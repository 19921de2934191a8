using System.Globalization;
using System.Text;

namespace GhostAssist.Api.People;

/// <summary>
/// People's names as mail gives them, read one way for the whole product: the analysis, the drafts and the
/// invites greet the same person by the same first name. Display names come from other people's mail
/// headers, so they are untrusted text: <see cref="Clean"/> removes what could break a line, a header or
/// the reading order before a name is shown, quoted or written into a draft.
/// </summary>
public static class PersonNames
{
    /// <summary>Longest display name kept: longer ones are cut at a word (directory names rarely pass 60).</summary>
    public const int MaxDisplayName = 80;

    // "Dr. Jens Albers" is Jens in a greeting; these come before a given name and are never one.
    private static readonly HashSet<string> Honorifics = new(StringComparer.OrdinalIgnoreCase)
    {
        "Dr", "Mr", "Mrs", "Ms", "Miss", "Mx", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "Rev", "Fr",
        "Herr", "Frau", "M", "Mme", "Mlle", "Sr", "Sra", "Srta", "Dott", "Ing", "Mag", "Dipl", "Dipl.-Ing", "Eng",
    };

    // Mailboxes that belong to a role, not a person: "info@" is never greeted as "Hi Info".
    private static readonly HashSet<string> RoleMailboxes = new(StringComparer.OrdinalIgnoreCase)
    {
        "info", "sales", "support", "admin", "office", "hello", "contact", "team", "billing", "accounts", "noreply", "no",
        "reply", "donotreply", "do", "mail", "mailer", "postmaster", "help", "service", "enquiries", "inquiries", "hr", "it",
        "finance", "marketing", "procurement", "purchasing", "legal", "security", "ops", "notifications", "news", "the",
    };

    /// <summary>
    /// A display name fit to show: control characters, line breaks and tabs become spaces, bidirectional
    /// overrides and zero-width marks go, runs of spaces become one, wrapping quotes go, and the result is cut
    /// at a word to <paramref name="max"/> characters. Null when nothing readable is left.
    /// </summary>
    public static string? Clean(string? name, int max = MaxDisplayName)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var clean = Flatten(name, max, untrusted: true).Trim().Trim('"', '\'', '\u201C', '\u201D', '\u2018', '\u2019').Trim();
        if (clean.Length > max)
        {
            var cut = clean.LastIndexOf(' ', max);
            clean = clean[..(cut > max / 2 ? cut : max)].TrimEnd(',', ';', ' ', '-');
        }

        // A lone surrogate left by the cut would be an invalid string in JSON.
        if (clean.Length > 0 && char.IsHighSurrogate(clean[^1]))
        {
            clean = clean[..^1];
        }

        return clean.Any(char.IsLetterOrDigit) ? clean : null;
    }

    /// <summary>
    /// The given name to greet someone by: "Dr. Jens Albers", "Albers, Jens", "Jens Albers (Contoso)",
    /// "Prof. Dr. Jens Albers" and "jens.albers@contoso.com" are all "Jens". The display name wins; the
    /// address is read only when the name says nothing ("first.last@" or "first_last@", never "info@").
    /// Null when neither names a person.
    /// </summary>
    public static string? FirstName(string? displayName, string? address = null)
    {
        var clean = Clean(displayName);
        if (clean is not null && !clean.Contains('@'))
        {
            var given = GivenFromDisplayName(clean);
            if (given is not null)
            {
                return given;
            }
        }

        // A display name that is itself an address ("jens.albers@contoso.com") is read as one.
        if (clean is not null && clean.Contains('@') && FromAddress(clean) is { } fromName)
        {
            return fromName;
        }

        return FromAddress(address);
    }

    /// <summary>The given name inside an address's local part: "jens.albers@" is Jens; "info@" and "jalbers@" name nobody for sure.</summary>
    public static string? FromAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var trimmed = address.Trim().Trim('<', '>');
        var at = trimmed.IndexOf('@');
        var local = at < 0 ? trimmed : trimmed[..at];
        var parts = local.Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || local.IndexOfAny(['.', '_', '-']) <= 0)
        {
            return null;
        }

        var part = parts[0];
        if (part.Length < 2 || !part.All(char.IsLetter) || RoleMailboxes.Contains(part) || Honorifics.Contains(part))
        {
            return null;
        }

        return Capitalise(part);
    }

    /// <summary>"ALBERS, JENS" greets as "Jens"; "jens" as "Jens"; "McKenzie" and "Anne-Marie" stay as written.</summary>
    private static string Capitalise(string word)
    {
        // Only a plain name is re-cased; anything else is shown as written.
        if (!word.All(c => char.IsLetter(c) || c is '-' or '\'' or '\u2019'))
        {
            return word;
        }

        var allUpper = word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c));
        var allLower = word.All(c => !char.IsLetter(c) || char.IsLower(c));
        if (!allUpper && !allLower)
        {
            return word;
        }

        var text = CultureInfo.InvariantCulture.TextInfo;
        return text.ToTitleCase(word.ToLowerInvariant());
    }

    private static string? GivenFromDisplayName(string clean)
    {
        // "Jens Albers (Contoso)" and "Jens Albers | Contoso" and "Jens Albers via Teams": the person is before the aside.
        var cut = clean.IndexOfAny(['(', '[', '|', '/', '<']);
        var person = (cut > 0 ? clean[..cut] : clean).Trim();
        var via = person.IndexOf(" via ", StringComparison.OrdinalIgnoreCase);
        if (via > 0)
        {
            person = person[..via].Trim();
        }

        // "Albers, Jens" is how directories write it; "Jens Albers, PhD" is a name then a degree.
        var comma = person.IndexOf(',');
        if (comma > 0)
        {
            var before = person[..comma].Trim();
            var after = person[(comma + 1)..].Trim();
            var beforeWords = Words(before);
            var afterWords = Words(after);
            var degree = afterWords.Count > 0 && afterWords.All(IsDegree);
            person = degree || beforeWords.Count > 1 && afterWords.Count == 0 ? before : after.Length > 0 ? after : before;
        }

        foreach (var word in Words(person))
        {
            var bare = word.TrimEnd('.');
            if (Honorifics.Contains(bare) || Honorifics.Contains(word) || bare.Length == 0)
            {
                continue;
            }

            // An initial ("J. Albers") is not a name to greet with.
            if (bare.Length == 1)
            {
                return null;
            }

            return bare.Any(char.IsLetter) && !bare.Any(char.IsDigit) ? Capitalise(bare) : null;
        }

        return null;
    }

    private static List<string> Words(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool IsDegree(string word) =>
        word.TrimEnd('.').Replace(".", "", StringComparison.Ordinal) is "PhD" or "MBA" or "MD" or "MSc" or "BSc" or "MA" or "BA" or "Jr" or "Sr" or "II" or "III" or "CPA" or "PE" or "Esq";

    /// <summary>
    /// Text on one line: each run of white space becomes one space, and reading stops a little past
    /// <paramref name="max"/> so a long text costs no more than its cut. <paramref name="untrusted"/> text (names from
    /// other people's headers) also loses its invisible marks, and its control characters count as white space.
    /// </summary>
    public static string Flatten(string text, int max, bool untrusted)
    {
        var builder = new StringBuilder(Math.Min(text.Length, max + 16));
        var space = false;
        foreach (var c in text)
        {
            if (untrusted && IsInvisible(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || untrusted && char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
            if (builder.Length > max + 8)
            {
                break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Bidirectional embeddings, overrides and isolates, zero-width characters and the byte-order mark: they reorder or hide text.</summary>
    public static bool IsInvisible(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F'
            or '\u061C' or '\u2060' or '\uFEFF' or '\u00AD';
}
