using System.Text;
using System.Text.RegularExpressions;

namespace GhostAssist.Api.Analysis;

/// <summary>The writer's own part of a message: its new text (signature included) and the signature alone.</summary>
internal sealed record ExtractedReply(string NewText, string? Signature, bool HistoryRemoved);

/// <summary>
/// Separates what the writer wrote from the history their client quoted below it. It works on lines
/// and the structure mail clients give them (quote prefixes, attribution lines, header blocks,
/// separators), never on a particular client's exact wording alone, so that unseen mail still splits
/// well. See docs/decisions/0100-reply-extraction.md.
/// </summary>
internal static partial class ReplyExtractor
{
    /// <summary>Header names of a quoted message's header block, in the languages Outlook writes them, by role.</summary>
    private static readonly Dictionary<string, HeaderRole> HeaderKeys = BuildHeaderKeys();

    private static readonly Dictionary<string, HeaderRole>.AlternateLookup<ReadOnlySpan<char>> HeaderLookup =
        HeaderKeys.GetAlternateLookup<ReadOnlySpan<char>>();

    [Flags]
    private enum HeaderRole
    {
        None = 0,
        From = 1,
        Sent = 2,
        To = 4,
        Cc = 8,
        Subject = 16,
    }

    /// <param name="maxChars">Characters of <paramref name="content"/> read; the rest (old history, in a reply) is ignored without copying.</param>
    /// <param name="cancellationToken">Checked every few thousand lines or characters: a caller who went away stops the work.</param>
    public static ExtractedReply Extract(string? content, bool isHtml, int maxChars = int.MaxValue, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(content))
        {
            return new ExtractedReply("", null, false);
        }

        return isHtml
            ? ExtractText(HtmlText.ToQuotedText(content, maxChars, cancellationToken), cancellationToken: cancellationToken)
            : ExtractText(content, maxChars, cancellationToken);
    }

    public static ExtractedReply ExtractText(string text, int maxChars = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var lines = new Lines(text, Math.Min(text.Length, maxChars));
        var kept = new List<int>();
        var removed = false;
        var interleaved = false;
        var lastKept = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if ((i & 2047) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var trimmed = lines[i].Trim();

            if (trimmed.SequenceEqual(HtmlText.HardSplit))
            {
                removed = true;
                break;
            }

            if (trimmed.SequenceEqual(HtmlText.SoftSplit) || IsRule(trimmed))
            {
                if (LabelBlockFollows(lines, i + 1))
                {
                    removed = true;
                    break;
                }

                if (!trimmed.SequenceEqual(HtmlText.SoftSplit))
                {
                    kept.Add(i);
                }

                continue;
            }

            if (IsQuoted(trimmed))
            {
                var run = QuotedRunTheWriterIntroduced(lines, i, removed, lastKept);
                if (run > 0)
                {
                    for (var j = i; j < i + run; j++)
                    {
                        kept.Add(j);
                    }

                    lastKept = i + run - 1;
                    i += run - 1;
                    continue;
                }

                removed = true;
                if (interleaved || IsInterleaved(lines, i))
                {
                    // Short quotes answered one by one: each answer is the writer's.
                    interleaved = true;
                    continue;
                }

                if (lastKept < 0 && ShortAnswerBelowQuote(lines, i) is var answer and >= 0)
                {
                    // Nothing above the quote and a line answered right under it: the answer is the reply.
                    kept.Add(answer);
                }

                break;
            }

            if (IsSeparatorTitle(lines, i, trimmed) || IsReplyAboveThisLine(trimmed))
            {
                removed = true;
                break;
            }

            if (IsHeaderBlock(lines, i))
            {
                // Lotus Notes puts the sender's name and the sent time on lines of their own above "To:".
                var lead = HeaderLeadStart(lines, i);
                kept.RemoveAll(k => k >= lead);
                removed = true;
                break;
            }

            var attribution = AttributionSpan(lines, i, out var certain);
            if (attribution > 0)
            {
                var after = NextNonBlank(lines, i + attribution);
                if (after < lines.Count && IsQuoted(lines[after].Trim()))
                {
                    if (interleaved || IsInterleaved(lines, after))
                    {
                        removed = interleaved = true;
                        i += attribution - 1;
                        continue;
                    }

                    if (lastKept < 0 && ShortAnswerBelowQuote(lines, after) is var answer and >= 0)
                    {
                        kept.Add(answer);
                    }

                    removed = true;
                    break;
                }

                if (certain)
                {
                    removed = true;
                    break;
                }
            }

            kept.Add(i);
            lastKept = i;
        }

        var normalized = Normalize(kept.ConvertAll(lines.String), removed);
        var signatureStart = FindSignature(normalized);
        var signature = signatureStart < 0 ? null : string.Join('\n', normalized.Skip(signatureStart)).Trim();
        return new ExtractedReply(string.Join('\n', normalized), string.IsNullOrEmpty(signature) ? null : signature, removed);
    }

    /// <summary>
    /// The lines of a body as ranges over the one string: quoted history is most of a long thread's bytes
    /// and is dropped, so only the lines that are kept become strings.
    /// </summary>
    private sealed class Lines
    {
        private readonly string _text;
        private readonly List<(int Start, int Length)> _ranges = [];

        public Lines(string text, int length)
        {
            _text = text;
            var start = 0;
            for (var i = NextBreak(text, 0, length); i >= 0; i = NextBreak(text, start, length))
            {
                _ranges.Add((start, i - start));
                start = text[i] == '\r' && i + 1 < length && text[i + 1] == '\n' ? i + 2 : i + 1;
            }

            if (start < length)
            {
                _ranges.Add((start, length - start));
            }
        }

        public int Count => _ranges.Count;

        public ReadOnlySpan<char> this[int index] => _text.AsSpan(_ranges[index].Start, _ranges[index].Length);

        public string String(int index) => _text.Substring(_ranges[index].Start, _ranges[index].Length);

        public bool IsBlank(int index) => TrimStructure(this[index]).IsEmpty;

        // Header scans look at the lines below each candidate: each line's role is worked out once, so a body
        // of "From:" lines costs one lookup per line, not one per line and window.
        private byte[]? _roles;

        public HeaderRole Role(int index)
        {
            _roles ??= new byte[_ranges.Count];
            if (_roles[index] == 0)
            {
                // Stored plus one: zero marks a line not read yet.
                _roles[index] = (byte)(HeaderRoleOf(this[index]) + 1);
            }

            return (HeaderRole)(_roles[index] - 1);
        }

        private static int NextBreak(string text, int from, int length)
        {
            if (from >= length)
            {
                return -1;
            }

            var next = text.AsSpan(from, length - from).IndexOfAny('\r', '\n');
            return next < 0 ? -1 : from + next;
        }
    }

    /// <summary>A quoted line; "&gt;90% of tickets" or "&gt;= 5 seats" is the writer's own comparison, not a quote.</summary>
    /// <remarks>"&gt;From " with no space is mbox's escape of a line starting "From ", not a quote.</remarks>
    private static bool IsQuoted(ReadOnlySpan<char> trimmed) =>
        trimmed.Length > 0 && trimmed[0] == '>' && (trimmed.Length == 1 || !(char.IsDigit(trimmed[1]) || trimmed[1] is '=' or '$' or '€' or '£'))
        && !trimmed.StartsWith(">From ", StringComparison.Ordinal);

    /// <summary>
    /// Where a quoted header that <paramref name="start"/> begins really starts: Lotus Notes writes the sender
    /// ("Name", "Name@ORG", "\"Name\" &lt;address&gt; on DATE", "From: Name DATE") and the sent time on lines
    /// of their own above "To:", sometimes with blank lines between. The lines above count only when one of
    /// them carries the sent date or a header label, so the writer's own name above a header stays.
    /// </summary>
    private static int HeaderLeadStart(Lines lines, int start)
    {
        var j = start - 1;
        var blanks = 0;
        while (j >= 0 && lines.IsBlank(j) && blanks < 4)
        {
            j--;
            blanks++;
        }

        var lead = start;
        var anchored = false;
        for (var k = 0; k < 4 && j >= 0 && !lines.IsBlank(j); k++, j--)
        {
            var line = TrimStructure(lines[j]);
            if (line.IsEmpty || line.Length > 120 || IsQuoted(line))
            {
                break;
            }

            var labelled = HeaderRoleOf(line) != HeaderRole.None || line.StartsWith("Sent by:", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("Please respond to", StringComparison.OrdinalIgnoreCase);
            var dated = SentStamp().IsMatch(line);
            if (!labelled && (line[^1] is '.' or '!' or '?' or ':' || line.Length > 80 || blanks > 0 && k == 0 && !dated))
            {
                break;
            }

            anchored |= labelled || dated;
            lead = j;
        }

        return anchored ? lead : start;
    }

    /// <summary>A line without its indentation, including quoted-printable tabs and spaces ("=09", "=20") left undecoded.</summary>
    private static ReadOnlySpan<char> TrimStructure(ReadOnlySpan<char> line)
    {
        var span = line.Trim();
        while (span.Length >= 3 && span[0] == '=' && span[1] is '0' or '2' && span[2] is '9' or '0')
        {
            span = span[3..].TrimStart();
        }

        return span;
    }

    /// <summary>
    /// A mail that opens with the quoted history and answers it with one line right under a short quote
    /// (a chat-style bottom post, nothing quoted or written after it): the index of that answer, or -1.
    /// Anything longer below a quote is, in real mail, the history's own wrapped lines and signatures.
    /// </summary>
    private static int ShortAnswerBelowQuote(Lines lines, int quoteStart)
    {
        var end = quoteStart;
        while (end < lines.Count && IsQuoted(lines[end].Trim()))
        {
            if (lines[end].Trim().Length > 40 || ++end - quoteStart > 2)
            {
                return -1;
            }
        }

        var answer = NextNonBlank(lines, end);
        return answer < lines.Count && NextNonBlank(lines, answer + 1) >= lines.Count ? answer : -1;
    }

    /// <summary>
    /// An interleaved reply from <paramref name="quoteStart"/> on: at least two short quotes of one level,
    /// each answered by the writer's own lines, and nothing else that starts history. Real mail's long
    /// quote, whose lines wrap without their "&gt;" and end in the quoted writer's signature, is not.
    /// </summary>
    private static bool IsInterleaved(Lines lines, int quoteStart)
    {
        var answered = 0;
        var quoteLines = 0;
        var previousQuoteLength = 0;
        var inQuote = false;
        for (var j = quoteStart; j < lines.Count && j < quoteStart + 400; j++)
        {
            var trimmed = lines[j].Trim();
            if (IsQuoted(trimmed))
            {
                var inner = trimmed[1..].TrimStart();
                if (!inner.IsEmpty && inner[0] == '>' || ++quoteLines > 4)
                {
                    return false;
                }

                inQuote = true;
                previousQuoteLength = trimmed.Length;
                continue;
            }

            quoteLines = 0;
            if (trimmed.IsEmpty)
            {
                inQuote = false;
                continue;
            }

            if (inQuote && previousQuoteLength >= 60 || IsRule(trimmed) || trimmed.SequenceEqual(HtmlText.HardSplit) || trimmed.SequenceEqual(HtmlText.SoftSplit)
                || IsHeaderBlock(lines, j) || AttributionSpan(lines, j, out _) > 0)
            {
                // A line right under a long quoted line is that line wrapped; other structure is history.
                return false;
            }

            if (inQuote || j > 0 && lines.IsBlank(j - 1) && LastQuoteBefore(lines, j, quoteStart))
            {
                answered++;
            }

            inQuote = false;
        }

        return answered >= 2;
    }

    private static bool LastQuoteBefore(Lines lines, int index, int floor)
    {
        var k = index - 1;
        while (k > floor && lines.IsBlank(k))
        {
            k--;
        }

        return IsQuoted(lines[k].Trim());
    }

    private static int NextNonBlank(Lines lines, int from)
    {
        var i = from;
        while (i < lines.Count && lines.IsBlank(i))
        {
            i++;
        }

        return i;
    }

    private static int NextNonBlank(List<string> lines, int from)
    {
        var i = from;
        while (i < lines.Count && string.IsNullOrWhiteSpace(lines[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>A line drawn with underscores or dashes, as Outlook puts above a quoted header.</summary>
    private static bool IsRule(ReadOnlySpan<char> trimmed)
    {
        if (trimmed.Length < 8)
        {
            return false;
        }

        foreach (var c in trimmed)
        {
            if (c is not ('_' or '-' or '=' or '\u2014' or '\u2500'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A short run of "&gt;" lines the writer typed (a command, a clause they cite) rather than quoted
    /// history: nothing quoted came before, the writer's own line right above introduces it with a colon,
    /// and the writer's own text goes on below. Returns the run's length, or 0.
    /// </summary>
    private static int QuotedRunTheWriterIntroduced(Lines lines, int start, bool historySeen, int lastKept)
    {
        if (historySeen || lastKept != start - 1 || lastKept < 0)
        {
            return 0;
        }

        var intro = lines[lastKept].TrimEnd();
        if (intro.IsEmpty)
        {
            return 0;
        }

        var end = start;
        while (end < lines.Count && IsQuoted(lines[end].Trim()))
        {
            if (++end - start > 5)
            {
                return 0;
            }
        }

        if (end >= lines.Count || lines.IsBlank(end))
        {
            return 0;
        }

        // "Your contract says / > the clause / so we have until ...": without a colon, the sentence must run on below.
        var below = lines[end].TrimStart();
        return intro[^1] == ':' || char.IsLower(below[0]) ? end - start : 0;
    }

    /// <summary>
    /// "-----Original Message-----", "---------- Forwarded message ---------", "Begin forwarded message:" and
    /// kin. A dashed title names a message in some language, or a quoted header follows it; a writer's own
    /// "---- Agenda ----" does neither.
    /// </summary>
    private static bool IsSeparatorTitle(Lines lines, int index, ReadOnlySpan<char> trimmed)
    {
        if (trimmed.Length < 6)
        {
            return false;
        }

        if (trimmed.Length > 90)
        {
            // "---------------------- Forwarded by Name/ORG on DATE ----------": long, and often wrapped before its closing dashes.
            return trimmed.Length <= 300 && IsDashedLead(trimmed);
        }

        if (IsDashedLead(trimmed))
        {
            return true;
        }

        if (trimmed[0] is '-' or '_' or '=' && trimmed[^1] is '-' or '_' or '=' or ':')
        {
            return DashedTitle().IsMatch(trimmed) && (MessageWord().IsMatch(trimmed) || LabelBlockFollows(lines, index + 1));
        }

        // The titles are short; a long line never needs the pattern run over it.
        return trimmed.Length <= 60 && ForwardedTitle().IsMatch(trimmed);
    }

    /// <summary>A help desk's "reply above this line" marker; a cheap word check first, as every line of a body passes here.</summary>
    private static bool IsReplyAboveThisLine(ReadOnlySpan<char> trimmed) =>
        trimmed.Length < 120 && trimmed.IndexOfAny(AboveWords) >= 0 && ReplyAboveThisLine().IsMatch(trimmed);

    private static readonly System.Buffers.SearchValues<string> AboveWords =
        System.Buffers.SearchValues.Create(["above", "oberhalb", "au-dessus"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Three or more dashes, then a title naming a message ("Forwarded by", "Original Message") within a few words.</summary>
    private static bool IsDashedLead(ReadOnlySpan<char> trimmed)
    {
        var dashes = 0;
        while (dashes < trimmed.Length && trimmed[dashes] is '-' or '=' or '_')
        {
            dashes++;
        }

        if (dashes < 3)
        {
            return false;
        }

        var title = trimmed[dashes..].TrimStart();
        return title.Length > 0 && char.IsLetter(title[0]) && MessageWord().IsMatch(title[..Math.Min(title.Length, 24)]);
    }

    /// <summary>Two or more lines of a quoted message's header ("From:", "Sent:", "To:", "Subject:" in any of the supported languages).</summary>
    private static bool IsHeaderBlock(Lines lines, int start)
    {
        var first = lines.Role(start);
        if (first == HeaderRole.None)
        {
            return false;
        }

        if (first == HeaderRole.From && lines[start].Count(':') + lines[start].Count('：') >= 3 && IsFlattenedHeader(lines[start]))
        {
            return true;
        }

        var roles = first;
        var count = 1;
        var labelled = 1;
        var continuation = 0;
        var address = lines[start].Contains('@');
        for (var j = start + 1; j < lines.Count && j < start + 40; j++)
        {
            if (lines.IsBlank(j))
            {
                // Text converted from Outlook's HTML may put each header line in its own paragraph, and Lotus
                // Notes leaves blank lines between the sender's line and "To:".
                var next = NextNonBlank(lines, j);
                if (next < lines.Count && next - j <= 3 && lines.Role(next) != HeaderRole.None)
                {
                    j = next - 1;
                    continue;
                }

                break;
            }

            var role = lines.Role(j);
            if (role == HeaderRole.None)
            {
                // A long address list or date wraps onto more lines; two loose lines of something else end the block.
                if (!IsAddressContinuation(lines[j]) && ++continuation > 1)
                {
                    break;
                }

                continue;
            }

            // A header has a handful of labelled lines; a run of them ("From:" forty times) is no header to read on.
            if (++labelled > 8)
            {
                break;
            }

            continuation = 0;
            address |= lines[j].Contains('@');
            if ((roles & role) == 0)
            {
                count++;
            }

            roles |= role;
        }

        // "From: Berlin warehouse / To: Munich office" is the writer's own list; a quoted header also
        // gives the sent date or subject, or at least an address.
        return count >= 3 || count >= 2 && (roles & HeaderRole.From) != 0 && ((roles & (HeaderRole.Sent | HeaderRole.Subject)) != 0 || address);
    }

    /// <summary>The wrapped rest of an address list: "Gossett/HOU/ECT@ECT, Peggy Hedstrom/CAL/ECT@ECT, ".</summary>
    private static bool IsAddressContinuation(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        return trimmed.Length is > 0 and < 200 && (trimmed.Contains('@') || trimmed[^1] == ',' || trimmed.Count('/') >= 2);
    }

    /// <summary>
    /// A whole header on one line ("From: Dana Sent: Monday 10:14 To: Alex Subject: Pricing"), as some
    /// converters and mobile clients flatten Outlook's block: a sent and a subject label follow the sender.
    /// </summary>
    private static bool IsFlattenedHeader(ReadOnlySpan<char> line)
    {
        if (line.Length > 1000)
        {
            return false;
        }

        var roles = HeaderRole.None;
        foreach (var match in InlineLabel().EnumerateMatches(line))
        {
            var label = line.Slice(match.Index, match.Length).Trim().Trim("*:： ");
            if (HeaderLookup.TryGetValue(label, out var role))
            {
                roles |= role;
            }
        }

        return (roles & HeaderRole.Sent) != 0 && (roles & (HeaderRole.Subject | HeaderRole.To)) != 0;
    }

    private static HeaderRole HeaderRoleOf(ReadOnlySpan<char> line)
    {
        var span = TrimStructure(line).TrimStart('*');
        var colon = span.IndexOfAny(':', '：');
        if (colon <= 0 || colon > 24)
        {
            return HeaderRole.None;
        }

        var key = span[..colon].Trim().TrimEnd('*').Trim();
        return HeaderLookup.TryGetValue(key, out var role) ? role : HeaderRole.None;
    }

    /// <summary>
    /// After a separator: a block of "Label: value" lines in whatever language (the quoted header) that
    /// names a sender, by a known "From" label or an address, so the writer's own "Date: / Venue:" list stays.
    /// </summary>
    private static bool LabelBlockFollows(Lines lines, int from)
    {
        var labels = 0;
        var others = 0;
        var sender = false;
        for (var j = from; j < lines.Count && j < from + 12; j++)
        {
            var trimmed = lines[j].Trim();
            if (trimmed.IsEmpty)
            {
                if (labels > 0)
                {
                    break;
                }

                continue;
            }

            var role = lines.Role(j);
            if (role != HeaderRole.None || trimmed.Length < 200 && trimmed.Contains(':') && LabelLine().IsMatch(trimmed))
            {
                labels++;
                sender |= role == HeaderRole.From || trimmed.Contains('@');
                if (labels >= 2 && sender)
                {
                    return true;
                }
            }
            else if (labels > 0 || ++others > 2)
            {
                return labels >= 2 && sender;
            }
        }

        return labels >= 2 && sender;
    }

    /// <summary>
    /// Number of lines (1 to 3) of an attribution starting at <paramref name="start"/> ("On ... wrote:",
    /// "26.06.2014, 14:41, "Name" &lt;address&gt;:"), or 0. <paramref name="certain"/> when a "wrote"
    /// verb says so even without a quote below it.
    /// </summary>
    private static int AttributionSpan(Lines lines, int start, out bool certain)
    {
        certain = false;
        if (lines.IsBlank(start))
        {
            return 0;
        }

        // A wrapped attribution must open like one, or "Thanks,\nAlex\nOn ... wrote:" would swallow the sign-off.
        var first = lines[start].TrimStart();
        if (first.TrimEnd().EndsWith(" wrote", StringComparison.Ordinal) && NameWrote().IsMatch(first.TrimEnd()))
        {
            // Forum gateways (Nabble) write "Name wrote" with no colon; it counts only with a quote below (the caller checks).
            return 1;
        }

        // Yahoo's "--- Name <address> wrote:" wraps too; a sender's address on the first line says it is one.
        var maxSpan = char.IsDigit(first[0]) || OnLikeStart().IsMatch(first) || first.StartsWith("---") || first.Contains('@') ? 3 : 1;
        for (var k = 0; k < maxSpan && start + k < lines.Count; k++)
        {
            var last = lines[start + k].TrimEnd();
            if (last.IsEmpty)
            {
                return 0;
            }

            if (IsQuoted(last.TrimStart()))
            {
                // A narrow client may wrap the address's closing bracket and the verb: "… <dana@example.com\n> wrote:".
                if (k == 0 || !WroteAttribution().IsMatch(last))
                {
                    return 0;
                }
            }

            if (last[^1] is not (':' or '：'))
            {
                continue;
            }

            if (last.Length > 400)
            {
                return 0;
            }

            var joined = k == 0 ? lines[start].Trim().ToString() : string.Join(' ', Enumerable.Range(start, k + 1).Select(j => lines[j].Trim().ToString()));
            if (joined.Length > 400)
            {
                return 0;
            }

            if (WroteAttribution().IsMatch(joined) || WroteThenSender().IsMatch(joined))
            {
                // "On Friday our CFO wrote:" is the writer citing someone; a client's attribution carries
                // the sender's address or the sent date and time, and only then ends the reply on its own.
                certain = joined.Contains('@') || SentStamp().IsMatch(joined);
                return k + 1;
            }

            // Without a "wrote" verb, a dated line ending in a colon is an attribution only when a quote follows (checked by the caller).
            if (DatedAttribution().IsMatch(joined))
            {
                // "пн, 3 нояб. 2025 г. в 10:14, Name <address>:": a dated line naming an address is a client's attribution.
                certain = AddressThenColon().IsMatch(joined);
                return k + 1;
            }

            return 0;
        }

        return 0;
    }

    /// <param name="historyRemoved">A rule left at the end is the history's separator; without history it is the writer's own.</param>
    private static List<string> Normalize(List<string> kept, bool historyRemoved)
    {
        var result = new List<string>(kept.Count);
        foreach (var raw in kept)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 && (result.Count == 0 || result[^1].Length == 0))
            {
                continue;
            }

            result.Add(line);
        }

        while (result.Count > 0 && (result[^1].Length == 0 || historyRemoved && IsRule(result[^1].AsSpan().Trim())))
        {
            result.RemoveAt(result.Count - 1);
        }

        return result;
    }

    /// <summary>Index of the first signature line in <paramref name="lines"/>, or -1.</summary>
    internal static int FindSignature(List<string> lines)
    {
        // "-- " is the one signature separator with a standard behind it (RFC 3676).
        for (var i = Math.Max(0, lines.Count - 20); i < lines.Count; i++)
        {
            if (lines[i] is "--" or "-- ")
            {
                return i + 1 < lines.Count ? i + 1 : -1;
            }
        }

        // A legal disclaimer's long lines below the name block are part of the signature, not a reason to miss it.
        var end = DisclaimerStart(lines);

        // A sign-off followed by a short block (name, title, company, phone), or with the name on its line ("Best, Dana").
        for (var i = end - 1; i >= 0 && i >= end - 10; i--)
        {
            var line = lines[i].Trim();
            var withName = SignOffWithName().IsMatch(line);
            if (i < end - 1 && SignOff().IsMatch(line) || withName)
            {
                var rest = lines.Skip(i + 1).Take(end - i - 1).ToList();
                if (rest.All(l => l.Length <= 90 && !IsSentence(l)) && rest.Count(l => l.Length > 0) is var count && count <= 8 && (count > 0 || withName))
                {
                    return withName ? i : NextNonBlank(lines, i + 1);
                }

                break;
            }
        }

        // After the sign-off check, so "Thanks,\nDana\n\nSent from my iPhone" keeps the name in the signature.
        for (var i = Math.Max(0, lines.Count - 4); i < lines.Count; i++)
        {
            // "Sent from my desk, which is easier than my phone." is a sentence, not a footer.
            if (lines[i].Length <= 80 && !IsSentence(lines[i]) && MobileSignature().IsMatch(lines[i]))
            {
                return i;
            }
        }

        // No sign-off: a last paragraph that looks like a name with a title, phone or address under it.
        var blockEnd = end;
        while (blockEnd > 0 && lines[blockEnd - 1].Length == 0)
        {
            blockEnd--;
        }

        var blockStart = blockEnd == 0 ? 0 : lines.FindLastIndex(blockEnd - 1, blockEnd, l => l.Length == 0) + 1;
        var block = lines.Skip(blockStart).Take(blockEnd - blockStart).ToList();
        if (blockStart > 0 && block.Count is >= 2 and <= 7 && block.All(l => l.Length <= 80)
            && PersonName().IsMatch(block[0].Trim())
            && block.Skip(1).Any(l => JobTitle().IsMatch(l) || Phone().IsMatch(l) || l.Contains('@') || l.Contains("www.", StringComparison.OrdinalIgnoreCase)))
        {
            return blockStart;
        }

        return -1;
    }

    /// <summary>Index of a confidentiality notice's first line at the end of <paramref name="lines"/>, or the line count.</summary>
    private static int DisclaimerStart(List<string> lines)
    {
        for (var j = Math.Max(1, lines.Count - 30); j < lines.Count; j++)
        {
            if (lines[j - 1].Length == 0 && Disclaimer().IsMatch(lines[j]))
            {
                return j;
            }
        }

        return lines.Count;
    }

    /// <summary>A line of prose ("we got the proposal and legal is reading it now."), which no signature holds.</summary>
    private static bool IsSentence(string line)
    {
        var trimmed = line.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed[^1] is not ('.' or '!' or '?'))
        {
            return false;
        }

        var words = 1;
        foreach (var c in trimmed)
        {
            if (c == ' ')
            {
                words++;
            }
        }

        return words >= 5;
    }

    private static Dictionary<string, HeaderRole> BuildHeaderKeys()
    {
        var keys = new Dictionary<string, HeaderRole>(StringComparer.OrdinalIgnoreCase);
        void Add(HeaderRole role, params string[] names)
        {
            foreach (var name in names)
            {
                keys[name] = role;
            }
        }

        Add(HeaderRole.From, "From", "Von", "De", "Van", "Da", "От", "Od", "Från", "Fra", "Lähettäjä", "Kimden", "Feladó", "发件人", "寄件者", "差出人", "보낸 사람");
        Add(HeaderRole.Sent, "Sent", "Date", "Gesendet", "Datum", "Envoyé", "Envoye", "Enviado", "Enviado el", "Enviada em",
            "Enviado em", "Fecha", "Verzonden", "Inviato", "Data", "Отправлено", "Дата", "Wysłano", "Skickat", "Sendt", "Lähetetty", "Tarih", "Odesláno", "Elküldve", "Dátum",
            "发送时间", "日期", "寄件日期", "送信日時", "보낸 날짜");
        Add(HeaderRole.To, "To", "An", "À", "A", "Para", "Aan", "Кому", "Do", "Till", "Til", "Vastaanottaja", "Kime", "Komu", "Címzett", "收件人", "收件者", "宛先", "받는 사람");
        Add(HeaderRole.Cc, "Cc", "Kopie", "Копия", "Kopia", "Kopio", "Bilgi");
        Add(HeaderRole.Subject, "Subject", "Betreff", "Objet", "Asunto", "Onderwerp", "Oggetto", "Assunto", "Тема", "Temat",
            "Ämne", "Emne", "Aihe", "Konu", "Předmět", "Tárgy", "主题", "主旨", "件名", "제목");
        return keys;
    }

    [GeneratedRegex(@"^[-_=]{2,}\s*[^-_=\s][^-_=]{2,60}?\s*[-_=]{2,}:?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DashedTitle();

    [GeneratedRegex(@"^(?:begin forwarded message|forwarded message|anfang der weitergeleiteten nachricht|weitergeleitete nachricht|début du message (?:réexpédié|transféré)|message transféré|inicio del mensaje reenviado|mensaje reenviado|doorgestuurd bericht|begin doorgestuurd bericht|inizio messaggio inoltrato|messaggio inoltrato|início da mensagem reencaminhada|mensagem encaminhada)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ForwardedTitle();

    [GeneratedRegex(@"(?:wrote|writes|schrieb|a écrit|escribió|escribio|schreef|ha scritto|escreveu|skrev|napisał|pisze|napisała|написал|написала|написав|kirjoitti|yazdı|geschreven|napsal|napisal|írta|a scris|va escriure|έγραψε|작성)(?:\s*\((?:a|а|la|ла)\))?\s*:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex WroteAttribution();

    /// <summary>German, Dutch and Nordic clients put the sender after the verb: "… schrieb Name &lt;address&gt;:".</summary>
    [GeneratedRegex(@"\b(?:wrote|schrieb|schreef|skrev|skrev følgende|kirjoitti)\s+[^:]{1,160}:$|\b(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev) (?:on|am|le|el|il|op|em|den) .{4,100}:$|(?:写道|寫道)\s*[:：]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex WroteThenSender();

    /// <summary>A sent time or a full date, as every client's attribution carries.</summary>
    [GeneratedRegex(@"\b\d{1,2}[:.h]\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex SentStamp();

    /// <summary>Words that name a message in a dashed separator title, in the supported languages.</summary>
    [GeneratedRegex(@"original|forward|message|nachricht|weitergeleitet|mensaje|mensagem|messaggio|bericht|wiadomo|сообщение|meddel|oprindelig|opprinnelig|ursprungligt|alkuperäinen|oryginaln|исходн|původní|zpráva|eredeti|üzenet|orijinal|ileti|viesti|原始邮件|原始郵件|元のメッセージ|转发|轉寄|reenviado|encaminhad|inoltrat|transf[ée]r|doorgestuurd", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex MessageWord();

    /// <summary>Help desks and CRMs mark where a reply ends: "##- Please type your reply above this line -##".</summary>
    [GeneratedRegex(@"(?:reply|write|type|respond)\s+above\s+this\s+line|antworten sie oberhalb dieser zeile|répondez au-dessus de cette ligne", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ReplyAboveThisLine();

    [GeneratedRegex(@"\s\*?\p{Lu}[\p{L}]{0,11}(?: \p{Ll}{2,3})?\*? ?[:：]\*?\s", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex InlineLabel();

    [GeneratedRegex(@"[^\s<>()\[\]]+@[^\s<>()\[\]]+[>)\]]*\s*[:：]$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AddressThenColon();

    [GeneratedRegex(@"^\p{Lu}[\p{L}.'-]*(?: [\p{L}.'-]+){0,4} wrote$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NameWrote();

    [GeneratedRegex(@"^(?:on|am|le|el|op|il|em|den|på|w dniu|в)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex OnLikeStart();

    [GeneratedRegex(@"(?:\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b).*:$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DatedAttribution();

    [GeneratedRegex(@"^\*?[\p{L}][\p{L}\p{M} .'-]{0,24}?\s*\*?\s*:(?:\s|$)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"^(?:sent from (?:my )?\S+|sent with \S+|sent via \S+|get outlook for \S+|von meinem \S+ gesendet|envoyé de mon \S+|enviado desde mi \S+|enviado do meu \S+|verzonden (?:vanaf|met) mijn \S+|verstuurd (?:vanaf|met) mijn \S+|inviato da(?:l mio)? \S+|skickat från min \S+|sendt fra min \S+|wysłane z \S+|отправлено с \S+|lähetetty \S+sta|\S+から送信|从我的 ?\S+发送|發自我的 ?\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex MobileSignature();

    [GeneratedRegex(@"^(?:best|best wishes|thanks|thanks again|thank you|many thanks|regards|best regards|kind regards|warm regards|warmly|cheers|sincerely|all the best|talk soon|speak soon|respectfully|mit freundlichen grüßen|freundliche grüße|viele grüße|beste grüße|liebe grüße|gruß|cordialement|bien à vous|bien cordialement|salutations|saludos|un saludo|atentamente|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groeten|cordiali saluti|distinti saluti|saluti|atenciosamente|abraços|obrigad[oa]|merci|danke|gracias|grazie)\s*[,.!]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    internal static partial Regex SignOff();

    [GeneratedRegex(@"^(?:best|best wishes|thanks|thank you|many thanks|regards|best regards|kind regards|warm regards|cheers|sincerely|all the best|talk soon|viele grüße|beste grüße|liebe grüße|gruß|cordialement|saludos|groeten|saluti|abraços)\s*(?:,|-|–|—)\s*\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex SignOffWithName();

    [GeneratedRegex(@"^(?:this (?:e-?mail|message|communication)|the information (?:contained )?in this|confidential(?:ity)?(?: notice)?\b|disclaimer\b|diese (?:e-?mail|nachricht)|ce (?:message|courriel)|este (?:mensaje|correo)|questo messaggio|dit (?:e-?mail)?bericht)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Disclaimer();

    [GeneratedRegex(@"^\p{Lu}[\p{L}'.-]+(?:\s+\p{Lu}[\p{L}'.-]*){0,3}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex PersonName();

    [GeneratedRegex(@"\b(?:C[EITFOMRP]O|CISO|Chief\s+\w+\s+Officer|(?:Senior\s+|Executive\s+|Group\s+)?Vice\s+President|[SE]?VP|Director|Head\s+of|Manager|Founder|Co-founder|President|Owner|Partner|Lead|Engineer|Consultant|Specialist|Analyst|Administrator|Coordinator|Architect|Account\s+Executive|Officer)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    internal static partial Regex JobTitle();

    [GeneratedRegex(@"\+?\d[\d\s().-]{6,}\d", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    internal static partial Regex Phone();
}
