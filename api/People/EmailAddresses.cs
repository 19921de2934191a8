using System.Net.Mail;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.People;

/// <summary>
/// What counts as an email address, one rule for the whole product: the thread owner ("me") of the
/// analysis, drafts and invites, a draft's recipient, an invite's attendees and organiser. An address
/// here is a bare addr-spec (alex@contoso.com): what mailto:, an .ics ATTENDEE line and Graph all take
/// without quoting, so no display name, no quotes, no white space, no control or text-direction
/// characters, and a domain with a dot.
/// </summary>
public static class EmailAddresses
{
    /// <summary>
    /// The longest address accepted: a 64-character local part, "@" and a 255-character domain. Longer
    /// text is refused before it is parsed.
    /// </summary>
    public const int MaxLength = 320;

    /// <summary>True when <paramref name="address"/> is exactly one bare address (not trimmed: callers trim input first).</summary>
    public static bool IsValid(string? address) =>
        address is { Length: > 2 and <= MaxLength }
        && !address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || BidiControls.Is(c) || c is '"' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\')
        && MailAddress.TryCreate(address, out var parsed)
        && parsed.Address == address
        && parsed.DisplayName.Length == 0
        && parsed.Host.Contains('.');

    /// <summary>The trimmed address when the text is one, else null.</summary>
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim();
        return IsValid(trimmed) ? trimmed : null;
    }
}
