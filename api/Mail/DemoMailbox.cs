using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GhostAssist.Api.Mail;

/// <summary>
/// The embedded demo mailbox: realistic threads in Graph's JSON shape (Mail/DemoData/*.json), authored
/// in a fixed time frame and shifted by whole days so that the newest message lands just before now.
/// Date and month tokens in the texts follow the same shift (see docs/decisions/0200-demo-mailbox-dates.md).
/// </summary>
public sealed partial class DemoMailbox(TimeProvider time) : IMailboxSource
{
    public const string Me = "alex.morgan@ghostassist.example";

    private static readonly CultureInfo DefaultCulture = CultureInfo.GetCultureInfo("en-US");

    // The authored files never change: parse them once, on first use.
    private static readonly Lazy<AuthoredMailbox> Authored = new(AuthoredMailbox.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // The shifted view depends only on the day shift, so it is rebuilt at most once a day.
    private volatile ShiftedMailbox? _shifted;

    public string Kind => "demo";

    public Task<string> GetMeAsync(CancellationToken cancellationToken) => Task.FromResult(Me);

    public Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Current().ById.GetValueOrDefault(conversationId));

    public Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Current().Threads);

    /// <summary>Whole days added to every authored date for a given now: the newest message lands within the last day.</summary>
    internal static int ShiftDaysFor(DateTimeOffset now)
    {
        var newest = Authored.Value.Newest;
        var days = (now.UtcDateTime.Date - newest.UtcDateTime.Date).Days;
        return newest.AddDays(days) > now ? days - 1 : days;
    }

    private ShiftedMailbox Current()
    {
        var days = ShiftDaysFor(time.GetUtcNow());
        var shifted = _shifted;
        if (shifted is null || shifted.Days != days)
        {
            // Two requests racing over midnight may both build; either result is the same.
            shifted = ShiftedMailbox.Build(Authored.Value, days);
            _shifted = shifted;
        }

        return shifted;
    }

    /// <summary>Resolves the date tokens of one text for a shift; an unknown or malformed token is a data bug and throws.</summary>
    internal static string ResolveTokens(string text, int days, int months)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        var resolved = TokenPattern().Replace(text, match =>
        {
            var culture = match.Groups["culture"].Success ? CultureInfo.GetCultureInfo(match.Groups["culture"].Value) : DefaultCulture;
            var format = match.Groups["format"].Value;
            var value = match.Groups["value"].Value;
            var isDate = match.Groups["kind"].Value == "date";
            string[] layouts = isDate ? ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm"] : ["yyyy-MM"];
            if (!DateTime.TryParseExact(value, layouts, CultureInfo.InvariantCulture, DateTimeStyles.None, out var authored))
            {
                throw new InvalidOperationException($"The demo date token '{match.Value}' holds no valid authored {(isDate ? "date" : "month")}.");
            }

            return (isDate ? authored.AddDays(days) : authored.AddMonths(months)).ToString(format, culture);
        });
        if (resolved.Contains("{{", StringComparison.Ordinal))
        {
            var at = resolved.IndexOf("{{", StringComparison.Ordinal);
            throw new InvalidOperationException($"A demo mail text holds a malformed date token: '{resolved[at..Math.Min(resolved.Length, at + 60)]}'.");
        }

        return resolved;
    }

    // {{date:2025-11-03T10:05|dddd, MMMM d}}, {{month:2026-01|MMMM}}, {{date@de:2025-11-04T10:12|dddd, d. MMMM yyyy}}
    [GeneratedRegex(@"\{\{(?<kind>date|month)(?:@(?<culture>[A-Za-z]{2}(?:-[A-Za-z]{2})?))?:(?<value>[0-9T:\-]+)\|(?<format>[^{}|]+)\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenPattern();

    private sealed record AuthoredThread(string ConversationId, IReadOnlyList<GraphMessage> Messages);

    private sealed record DemoFile(string? ConversationId, List<GraphMessage>? Messages);

    private sealed class AuthoredMailbox
    {
        private AuthoredMailbox(IReadOnlyList<AuthoredThread> threads)
        {
            Threads = threads;
            Newest = threads.SelectMany(t => t.Messages).Max(m => m.When) ?? throw new InvalidOperationException("The demo mailbox has no dated message.");
        }

        public IReadOnlyList<AuthoredThread> Threads { get; }

        public DateTimeOffset Newest { get; }

        public static AuthoredMailbox Load()
        {
            var assembly = typeof(DemoMailbox).Assembly;
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            var threads = new List<AuthoredThread>();
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".DemoData.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                var file = JsonSerializer.Deserialize<DemoFile>(stream, options);
                if (file?.ConversationId is not { Length: > 0 } id || file.Messages is not { Count: > 0 } messages)
                {
                    throw new InvalidOperationException($"The demo thread resource {name} has no conversationId or no messages.");
                }

                threads.Add(new AuthoredThread(id, messages.OrderBy(m => m.When).ToArray()));
            }

            return new AuthoredMailbox(threads);
        }
    }

    private sealed class ShiftedMailbox
    {
        private ShiftedMailbox(int days, IReadOnlyList<MailThread> threads)
        {
            Days = days;
            Threads = threads;
            ById = threads.ToDictionary(t => t.ConversationId, StringComparer.Ordinal);
        }

        public int Days { get; }

        /// <summary>Newest activity first, as a mailbox lists them.</summary>
        public IReadOnlyList<MailThread> Threads { get; }

        public Dictionary<string, MailThread> ById { get; }

        public static ShiftedMailbox Build(AuthoredMailbox authored, int days)
        {
            // Month names move by whole months: the month the newest message lands in, minus the authored one.
            var newest = authored.Newest.UtcDateTime;
            var landed = newest.AddDays(days);
            var months = (landed.Year - newest.Year) * 12 + landed.Month - newest.Month;
            var threads = authored.Threads
                .Select(t => new MailThread(t.ConversationId, Me, t.Messages.Select(m => Shift(m, days, months)).ToArray()))
                .OrderByDescending(t => t.Messages[^1].When)
                .ToArray();
            return new ShiftedMailbox(days, threads);
        }

        private static GraphMessage Shift(GraphMessage message, int days, int months) => message with
        {
            Subject = Resolve(message.Subject, days, months),
            BodyPreview = Resolve(message.BodyPreview, days, months),
            SentDateTime = message.SentDateTime?.AddDays(days),
            ReceivedDateTime = message.ReceivedDateTime?.AddDays(days),
            Body = message.Body is null ? null : message.Body with { Content = Resolve(message.Body.Content, days, months) },
            UniqueBody = message.UniqueBody is null ? null : message.UniqueBody with { Content = Resolve(message.UniqueBody.Content, days, months) },
            InternetMessageHeaders = message.InternetMessageHeaders?.Select(h => h with { Value = Resolve(h.Value, days, months) }).ToArray(),
        };

        private static string? Resolve(string? text, int days, int months) => text is null ? null : ResolveTokens(text, days, months);
    }
}
