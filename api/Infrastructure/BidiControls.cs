namespace GhostAssist.Api.Infrastructure;

/// <summary>
/// The invisible characters that reorder text on screen (U+202E RIGHT-TO-LEFT OVERRIDE and its kin):
/// in a subject, a name or an address they make "moc.rekcah@ana" read as a trusted address.
/// </summary>
public static class BidiControls
{
    public static bool Is(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    public static bool Any(string? value) => value is not null && value.Any(Is);

    /// <summary>The text without direction controls; the same instance when it has none.</summary>
    public static string Strip(string value) => Any(value) ? new string(value.Where(c => !Is(c)).ToArray()) : value;
}
