namespace GhostAssist.Api.Infrastructure;

/// <summary>
/// What may reach a log line from a request: ids only, in a shape that cannot forge a line. A posted
/// conversationId is the caller's text; a line break in it would start a fake log entry, and anything
/// longer than an id could carry an address or a body.
/// </summary>
public static class LogSafe
{
    public const int MaxIdLength = 200;

    /// <summary>
    /// The id with every character outside the id alphabet (letters, digits, - _ = + / . : ~) replaced by
    /// "?", cut to 200 characters: Graph and Outlook ids keep their exact form, anything else is unreadable.
    /// </summary>
    public static string Id(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var length = Math.Min(value.Length, MaxIdLength);
        var safe = string.Create(length, value, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '+' or '/' or '.' or ':' or '~' ? c : '?';
            }
        });
        return value.Length > MaxIdLength ? safe + "…" : safe;
    }
}
