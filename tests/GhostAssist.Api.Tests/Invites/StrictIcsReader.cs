using System.Globalization;
using System.Text;

namespace GhostAssist.Api.Tests.Invites;

public sealed record IcsProperty(string Name, IReadOnlyDictionary<string, string> Parameters, string Value)
{
    /// <summary>The value read as RFC 5545 TEXT: escapes undone, and an unescaped ',' or ';' is an error.</summary>
    public string Text => StrictIcsReader.UnescapeText(Value);

    public string? Param(string name) => Parameters.TryGetValue(name, out var value) ? value : null;
}

public sealed class IcsComponent(string name)
{
    public string Name { get; } = name;
    public List<IcsProperty> Properties { get; } = [];
    public List<IcsComponent> Children { get; } = [];

    public IcsProperty Single(string name)
    {
        var found = Properties.Where(p => p.Name == name).ToList();
        Assert.True(found.Count == 1, $"{Name} must have exactly one {name}; it has {found.Count}.");
        return found[0];
    }

    public IEnumerable<IcsProperty> All(string name) => Properties.Where(p => p.Name == name);

    public IcsComponent Child(string name) => Assert.Single(Children, c => c.Name == name);
}

/// <summary>
/// A deliberately strict RFC 5545 reader: it refuses what a lenient calendar would forgive, so the
/// writer's output is checked against the standard rather than against itself. CRLF only; every
/// physical line at most 75 octets and valid UTF-8 on its own (no character split by a fold);
/// balanced BEGIN/END; well-formed names, parameters and quoted values; strict TEXT escapes.
/// </summary>
public static class StrictIcsReader
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IcsComponent Parse(byte[] bytes)
    {
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no byte order mark");
        Assert.True(bytes.Length >= 2 && bytes[^2] == '\r' && bytes[^1] == '\n', "the file ends with CRLF");

        var logical = new List<string>();
        var start = 0;
        var lineNumber = 0;
        while (start < bytes.Length)
        {
            var end = IndexOfCrlf(bytes, start);
            Assert.True(end >= 0, "every line ends with CRLF");
            var physical = bytes.AsSpan(start, end - start);
            lineNumber++;
            Assert.True(physical.Length <= 75, $"line {lineNumber} is {physical.Length} octets; at most 75 are allowed");
            Assert.True(physical.IndexOf((byte)'\r') < 0 && physical.IndexOf((byte)'\n') < 0, $"line {lineNumber} holds a bare CR or LF");
            string text;
            try
            {
                // Decoding each physical line alone fails when a fold split a multi-byte character.
                text = Utf8.GetString(physical);
            }
            catch (DecoderFallbackException)
            {
                throw new Xunit.Sdk.XunitException($"line {lineNumber} is not valid UTF-8 on its own: a fold split a character");
            }

            Assert.True(text.Length > 0, $"line {lineNumber} is empty");
            if (text[0] is ' ' or '\t')
            {
                Assert.True(logical.Count > 0, "the first line cannot be a continuation");
                logical[^1] += text[1..];
            }
            else
            {
                logical.Add(text);
            }

            start = end + 2;
        }

        var stack = new Stack<IcsComponent>();
        IcsComponent? root = null;
        foreach (var line in logical)
        {
            var property = ParseLine(line);
            if (property.Name == "BEGIN")
            {
                Assert.Null(root);
                var component = new IcsComponent(property.Value);
                if (stack.Count > 0)
                {
                    stack.Peek().Children.Add(component);
                }

                stack.Push(component);
            }
            else if (property.Name == "END")
            {
                Assert.True(stack.Count > 0, $"END:{property.Value} without BEGIN");
                var closed = stack.Pop();
                Assert.Equal(closed.Name, property.Value);
                if (stack.Count == 0)
                {
                    root = closed;
                }
            }
            else
            {
                Assert.True(stack.Count > 0, $"{property.Name} outside any component");
                stack.Peek().Properties.Add(property);
            }
        }

        Assert.Empty(stack);
        Assert.NotNull(root);
        Assert.Equal("VCALENDAR", root.Name);
        return root;
    }

    /// <summary>The checks a meeting request (METHOD:REQUEST) must pass for Outlook and Google to show Accept/Decline.</summary>
    public static IcsComponent ParseMeetingRequest(byte[] bytes)
    {
        var calendar = Parse(bytes);
        Assert.Equal("2.0", calendar.Single("VERSION").Value);
        Assert.False(string.IsNullOrWhiteSpace(calendar.Single("PRODID").Value));
        Assert.Equal("REQUEST", calendar.Single("METHOD").Value);
        var eventComponent = calendar.Child("VEVENT");
        foreach (var required in new[] { "UID", "DTSTAMP", "DTSTART", "DTEND", "ORGANIZER", "SUMMARY", "SEQUENCE" })
        {
            eventComponent.Single(required);
        }

        Assert.Matches(@"^\d{8}T\d{6}Z$", eventComponent.Single("DTSTAMP").Value);
        Assert.StartsWith("mailto:", eventComponent.Single("ORGANIZER").Value, StringComparison.OrdinalIgnoreCase);
        var attendees = eventComponent.All("ATTENDEE").ToList();
        Assert.NotEmpty(attendees);
        foreach (var attendee in attendees)
        {
            Assert.StartsWith("mailto:", attendee.Value, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("TRUE", attendee.Param("RSVP"));
        }

        foreach (var time in new[] { "DTSTART", "DTEND" })
        {
            var property = eventComponent.Single(time);
            if (property.Param("TZID") is { } tzid)
            {
                Assert.Matches(@"^\d{8}T\d{6}$", property.Value);
                Assert.Contains(calendar.Children, c => c.Name == "VTIMEZONE" && c.Single("TZID").Value == tzid);
            }
            else
            {
                Assert.Matches(@"^\d{8}T\d{6}Z$", property.Value);
            }
        }

        // Every meeting request the tests read is read a second time, independently.
        IcalNetReader.AssertAgreesWith(bytes, calendar);
        return calendar;
    }

    /// <summary>
    /// The instant a DTSTART/DTEND names, resolved through the file's own VTIMEZONE (the observance
    /// whose onset is latest but not after the local time), independent of the writer's code.
    /// </summary>
    public static DateTimeOffset Instant(IcsComponent calendar, IcsProperty property)
    {
        var local = DateTime.ParseExact(property.Value.TrimEnd('Z'), "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        if (property.Value.EndsWith('Z'))
        {
            return new DateTimeOffset(local, TimeSpan.Zero);
        }

        var zone = calendar.Children.Single(c => c.Name == "VTIMEZONE" && c.Single("TZID").Value == property.Param("TZID"));
        var observance = zone.Children
            .Select(o => (Onset: DateTime.ParseExact(o.Single("DTSTART").Value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture), To: Offset(o.Single("TZOFFSETTO").Value)))
            .Where(o => o.Onset <= local)
            .OrderBy(o => o.Onset)
            .LastOrDefault();
        Assert.True(observance != default, $"no observance of {property.Param("TZID")} covers {property.Value}");
        return new DateTimeOffset(local, observance.To).ToUniversalTime();
    }

    public static TimeSpan Offset(string value)
    {
        Assert.Matches(@"^[+-]\d{4}(\d{2})?$", value);
        var sign = value[0] == '-' ? -1 : 1;
        var span = new TimeSpan(int.Parse(value[1..3], CultureInfo.InvariantCulture), int.Parse(value[3..5], CultureInfo.InvariantCulture), value.Length > 5 ? int.Parse(value[5..7], CultureInfo.InvariantCulture) : 0);
        return sign * span;
    }

    public static string UnescapeText(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                Assert.True(i + 1 < value.Length, "a TEXT value ends in a lone backslash");
                var next = value[++i];
                text.Append(next switch
                {
                    '\\' => '\\',
                    ';' => ';',
                    ',' => ',',
                    'n' or 'N' => '\n',
                    _ => throw new Xunit.Sdk.XunitException($"\\{next} is not a TEXT escape"),
                });
            }
            else
            {
                Assert.False(c is ',' or ';', $"an unescaped '{c}' in a TEXT value");
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static IcsProperty ParseLine(string line)
    {
        var i = 0;
        var name = ReadName(line, ref i);
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (i < line.Length && line[i] == ';')
        {
            i++;
            var parameterName = ReadName(line, ref i);
            Assert.True(i < line.Length && line[i] == '=', $"parameter {parameterName} has no '=' in: {line}");
            i++;
            var values = new List<string>();
            while (true)
            {
                if (i < line.Length && line[i] == '"')
                {
                    var close = line.IndexOf('"', i + 1);
                    Assert.True(close > i, $"an unterminated quoted value in: {line}");
                    var quoted = line[(i + 1)..close];
                    Assert.DoesNotContain(quoted, char.IsControl);
                    values.Add(quoted);
                    i = close + 1;
                }
                else
                {
                    var begin = i;
                    while (i < line.Length && line[i] is not (';' or ':' or ',' or '"') && !char.IsControl(line[i]))
                    {
                        i++;
                    }

                    values.Add(line[begin..i]);
                }

                if (i < line.Length && line[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }

            parameters[parameterName] = string.Join(',', values);
        }

        Assert.True(i < line.Length && line[i] == ':', $"no ':' after the name and parameters in: {line}");
        var value = line[(i + 1)..];
        Assert.DoesNotContain(value, c => char.IsControl(c) && c != '\t');
        return new IcsProperty(name, parameters, value);
    }

    private static string ReadName(string line, ref int i)
    {
        var begin = i;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '-'))
        {
            i++;
        }

        Assert.True(i > begin, $"a name is missing at position {begin} in: {line}");
        return line[begin..i].ToUpperInvariant();
    }

    private static int IndexOfCrlf(byte[] bytes, int from)
    {
        for (var i = from; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
