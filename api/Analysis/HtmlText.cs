using System.Net;
using System.Text;

namespace GhostAssist.Api.Analysis;

/// <summary>
/// Turns an HTML mail body into plain lines the reply extractor reads: visible text only, block
/// elements and br on their own lines, blockquote content prefixed with "&gt; " per level (so HTML
/// quoting and text quoting follow one set of rules), and marker lines where mail clients put their
/// reply separators. A single forward pass over the characters, no DOM: real threads quote their
/// whole history in every message, so the converter must stay linear and cheap.
/// </summary>
internal static class HtmlText
{
    /// <summary>Line that certainly starts quoted history (Outlook's reply header container and its kin).</summary>
    public const string HardSplit = "\u001E";

    /// <summary>Line that starts quoted history only when a header block follows (hr, Outlook's border-top div).</summary>
    public const string SoftSplit = "\u001D";

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr", "h1", "h2", "h3", "h4",
        "h5", "h6", "pre", "section", "article", "header", "footer", "address", "center", "form", "fieldset", "main",
        "nav", "aside", "figure", "figcaption", "caption", "body", "html",
    };

    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "style", "script", "title", "xml", "template", "noscript", "object", "svg", "math",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BlockLookup = BlockElements.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SkippedLookup = SkippedElements.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string ToQuotedText(string html, int maxChars = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var writer = new Writer(html.Length);
        var blocks = new OpenBlocks();
        var i = 0;
        var length = Math.Min(html.Length, maxChars);
        var nextCheck = 0;
        while (i < length && !writer.Stopped)
        {
            if (i >= nextCheck)
            {
                cancellationToken.ThrowIfCancellationRequested();
                nextCheck = i + 65536;
            }

            var c = html[i];
            if (c == '<')
            {
                i = ReadMarkup(html, i, writer, blocks);
                continue;
            }

            if (c == '&')
            {
                i = ReadEntity(html, i, writer);
                continue;
            }

            writer.Char(c);
            i++;
        }

        return writer.ToString();
    }

    private static int ReadMarkup(string html, int start, Writer writer, OpenBlocks blocks)
    {
        var length = html.Length;
        if (start + 1 >= length)
        {
            return length;
        }

        var next = html[start + 1];
        if (next == '!')
        {
            if (string.CompareOrdinal(html, start, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", start + 4, StringComparison.Ordinal);
                return end < 0 ? length : end + 3;
            }

            return SkipTo(html, start, '>');
        }

        if (next == '?')
        {
            return SkipTo(html, start, '>');
        }

        var closing = next == '/';
        var nameStart = start + (closing ? 2 : 1);
        var nameEnd = nameStart;
        while (nameEnd < length && (char.IsLetterOrDigit(html[nameEnd]) || html[nameEnd] is ':' or '-' or '_'))
        {
            nameEnd++;
        }

        if (nameEnd == nameStart)
        {
            // A lone "<" (as in "a < b") is text, as browsers show it.
            writer.Char('<');
            return start + 1;
        }

        var tagEnd = FindTagEnd(html, nameEnd);
        var name = html.AsSpan(nameStart, nameEnd - nameStart);
        var attributes = html.AsSpan(nameEnd, Math.Max(0, tagEnd - nameEnd));
        var after = tagEnd < length ? tagEnd + 1 : length;

        if (!closing && IsSkipped(name))
        {
            // Skip the whole element: its text is never shown.
            var close = IndexOfClosingTag(html, after, name);
            return close < 0 ? length : SkipTo(html, close, '>');
        }

        if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
        {
            writer.LineBreak();
            return after;
        }

        if (name.Equals("blockquote", StringComparison.OrdinalIgnoreCase))
        {
            writer.BlockBoundary();
            writer.QuoteDepth = Math.Max(0, writer.QuoteDepth + (closing ? -1 : 1));
            return after;
        }

        if (name.Equals("hr", StringComparison.OrdinalIgnoreCase))
        {
            SoftSplitAtEnclosingBlock(writer, blocks);
            return after;
        }

        if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
        {
            writer.Space();
            return after;
        }

        if (name.Equals("img", StringComparison.OrdinalIgnoreCase))
        {
            return after;
        }

        if (name.Equals("pre", StringComparison.OrdinalIgnoreCase) || name.Equals("xmp", StringComparison.OrdinalIgnoreCase)
            || name.Equals("plaintext", StringComparison.OrdinalIgnoreCase))
        {
            // Plain-text mail wrapped in HTML keeps its line breaks, and with them its "> " quoting.
            writer.PreDepth = Math.Max(0, writer.PreDepth + (closing ? -1 : 1));
        }

        var isBlock = BlockLookup.TryGetValue(name, out var blockName);
        if (isBlock)
        {
            writer.BlockBoundary();
            if (closing)
            {
                blocks.Close(blockName!);
            }
            else if (attributes.IsEmpty || attributes[^1] != '/')
            {
                blocks.Open(blockName!, writer.Length);
            }
        }

        if (!closing && !attributes.IsEmpty)
        {
            if (IsHardMarker(attributes))
            {
                // Everything after a hard marker is history the extractor drops: no need to read it.
                writer.BlockBoundary();
                writer.MarkerLine(HardSplit);
                writer.Stopped = true;
            }
            else if (isBlock && HasBorderTop(attributes))
            {
                writer.MarkerLine(SoftSplit);
            }
        }

        return after;
    }

    /// <summary>
    /// Mail clients wrap the separator and the header that follows in one block; a short remnant in the
    /// same block before the separator belongs to the quoted part, so the marker moves to the block start.
    /// </summary>
    private static void SoftSplitAtEnclosingBlock(Writer writer, OpenBlocks blocks)
    {
        if (blocks.Count > 0)
        {
            var (name, start) = blocks.Innermost;
            if (!name.Equals("body", StringComparison.OrdinalIgnoreCase) && !name.Equals("html", StringComparison.OrdinalIgnoreCase)
                && writer.TryInsertMarker(start, SoftSplit, maxRemnant: 40))
            {
                return;
            }
        }

        writer.BlockBoundary();
        writer.MarkerLine(SoftSplit);
    }

    private static bool IsSkipped(ReadOnlySpan<char> name) => SkippedLookup.Contains(name);

    /// <summary>
    /// The open block elements, innermost last. A closing tag pops up to its element, as browsers do; one
    /// with no open element of its name is ignored without searching the stack, so unbalanced markup
    /// ("&lt;ol&gt;" a hundred thousand times, then "&lt;/ul&gt;" as often) costs one step per tag.
    /// </summary>
    private sealed class OpenBlocks
    {
        private readonly List<(string Name, int Start)> _stack = [];
        private readonly Dictionary<string, int> _open = new(StringComparer.OrdinalIgnoreCase);

        public int Count => _stack.Count;

        public (string Name, int Start) Innermost => _stack[^1];

        public void Open(string name, int start)
        {
            _stack.Add((name, start));
            _open[name] = _open.GetValueOrDefault(name) + 1;
        }

        public void Close(string name)
        {
            if (_open.GetValueOrDefault(name) == 0)
            {
                return;
            }

            // Every element popped here was pushed once, so the pops of a whole document cost its tag count.
            while (_stack.Count > 0)
            {
                var (top, _) = _stack[^1];
                _stack.RemoveAt(_stack.Count - 1);
                _open[top]--;
                if (string.Equals(top, name, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
        }
    }

    private static bool IsHardMarker(ReadOnlySpan<char> attributes) =>
        attributes.Contains("divRplyFwdMsg", StringComparison.OrdinalIgnoreCase)
        || attributes.Contains("appendonsend", StringComparison.OrdinalIgnoreCase)
        || attributes.Contains("mail-editor-reference-message-container", StringComparison.OrdinalIgnoreCase)
        || attributes.Contains("OLK_SRC_BODY_SECTION", StringComparison.OrdinalIgnoreCase)
        || attributes.Contains("yahoo_quoted", StringComparison.OrdinalIgnoreCase)
        || attributes.Contains("zwchr", StringComparison.OrdinalIgnoreCase)
        || attributes.Contains("protonmail_quote", StringComparison.OrdinalIgnoreCase)
        || attributes.Contains("AppleOriginalContents", StringComparison.OrdinalIgnoreCase);

    private static bool HasBorderTop(ReadOnlySpan<char> attributes)
    {
        var border = attributes.IndexOf("border-top", StringComparison.OrdinalIgnoreCase);
        return border >= 0 && attributes[border..].Contains("solid", StringComparison.OrdinalIgnoreCase);
    }

    private static int FindTagEnd(string html, int from)
    {
        char quote = '\0';
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                // Only quote when it opens an attribute value, so a stray apostrophe cannot swallow the document.
                if (i > from && html[i - 1] == '=' || i > from + 1 && html[i - 1] == ' ' && html[i - 2] == '=')
                {
                    quote = c;
                }
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return html.Length;
    }

    private static int IndexOfClosingTag(string html, int from, ReadOnlySpan<char> name)
    {
        var i = from;
        while (true)
        {
            var open = html.IndexOf("</", i, StringComparison.Ordinal);
            if (open < 0)
            {
                return -1;
            }

            var candidate = html.AsSpan(open + 2);
            if (candidate.Length >= name.Length && candidate[..name.Length].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return open;
            }

            i = open + 2;
        }
    }

    private static int SkipTo(string html, int from, char c)
    {
        var end = html.IndexOf(c, from);
        return end < 0 ? html.Length : end + 1;
    }

    private static int ReadEntity(string html, int start, Writer writer)
    {
        var end = start + 1;
        var limit = Math.Min(html.Length, start + 12);
        while (end < limit && html[end] != ';' && html[end] != '&' && !char.IsWhiteSpace(html[end]))
        {
            end++;
        }

        if (end < html.Length && html[end] == ';')
        {
            var entity = html.Substring(start, end - start + 1);
            var decoded = WebUtility.HtmlDecode(entity);

            // An unknown entity decodes to itself; "&amp;" decodes to "&" and is still a real one.
            if (decoded.Length > 0 && decoded != entity)
            {
                foreach (var d in decoded)
                {
                    writer.Char(d);
                }

                return end + 1;
            }
        }

        writer.Char('&');
        return start + 1;
    }

    /// <summary>Collapses whitespace as browsers do and prefixes quoted lines.</summary>
    private sealed class Writer(int capacity)
    {
        private readonly StringBuilder _text = new(Math.Min(capacity, 1 << 20));
        private bool _atLineStart = true;
        private bool _pendingSpace;

        public int QuoteDepth { get; set; }

        public int PreDepth { get; set; }

        public bool Stopped { get; set; }

        public int Length => _text.Length;

        public void Char(char c)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0' || c == '\u3000')
            {
                if (c == '\n' && PreDepth > 0)
                {
                    LineBreak();
                    return;
                }

                _pendingSpace = !_atLineStart;
                return;
            }

            if (c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF' || char.IsControl(c))
            {
                return;
            }

            if (_atLineStart)
            {
                // One ">" marks a quoted line; deeper levels add nothing the extractor reads, so a
                // body of thousands of nested blockquotes cannot multiply the output.
                for (var d = 0; d < Math.Min(QuoteDepth, 3); d++)
                {
                    _text.Append("> ");
                }

                _atLineStart = false;
            }
            else if (_pendingSpace)
            {
                _text.Append(' ');
            }

            _pendingSpace = false;
            _text.Append(c);
        }

        public void Space() => _pendingSpace = !_atLineStart;

        public void LineBreak()
        {
            if (_atLineStart && QuoteDepth > 0)
            {
                _text.Append('>');
            }

            _text.Append('\n');
            _atLineStart = true;
            _pendingSpace = false;
        }

        public void BlockBoundary()
        {
            if (!_atLineStart)
            {
                LineBreak();
            }
        }

        public void MarkerLine(string marker)
        {
            BlockBoundary();
            _text.Append(marker).Append('\n');
            _atLineStart = true;
        }

        /// <summary>Puts a marker line at <paramref name="position"/> when the text after it is one short line.</summary>
        public bool TryInsertMarker(int position, string marker, int maxRemnant)
        {
            if (position > _text.Length || _text.Length - position > maxRemnant)
            {
                return false;
            }

            var remnant = _text.ToString(position, _text.Length - position);
            if (remnant.Contains('\n'))
            {
                return false;
            }

            // Cut the short remnant off and write it back after the marker: StringBuilder.Insert would copy
            // the text before the position into a new chunk, once per separator.
            var prefix = position > 0 && _text[position - 1] != '\n' ? "\n" : "";
            _text.Length = position;
            _text.Append(prefix).Append(marker).Append('\n').Append(remnant);
            BlockBoundary();
            return true;
        }

        public override string ToString() => _text.ToString();
    }
}
