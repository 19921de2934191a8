using GhostAssist.Api.Mail;
using GhostAssist.Api.People;

namespace GhostAssist.Api.Analysis;

/// <summary>
/// Turns posted Graph messages into <see cref="ThreadMessage"/>s: duplicates dropped, bodies bounded, quoted
/// history cut, sides and auto-replies decided, and everything put in time order. Linear in the messages and
/// their recipients: our side is decided by one address comparison and one domain comparison per address.
/// </summary>
internal static class ThreadPreparation
{
    public static List<ThreadMessage> Prepare(IReadOnlyList<GraphMessage?> input, OurSide us, DateTimeOffset now, AnalysisOptions options, List<string> warnings, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<(ThreadMessage Message, int Index)>();
        var duplicates = 0;
        var cut = 0;
        var missing = 0;
        var future = 0;
        for (var index = 0; index < input.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var graph = input[index];
            if (graph is null || graph.IsDraft == true)
            {
                continue;
            }

            var id = string.IsNullOrWhiteSpace(graph.Id) ? $"message-{index + 1}" : graph.Id;
            if (!seen.Add(id))
            {
                duplicates++;
                continue;
            }

            var body = graph.UniqueBody is { Content.Length: > 0 } unique ? unique : graph.Body;
            var isHtml = body?.IsHtml == true;
            var content = body?.Content;
            if (string.IsNullOrEmpty(content))
            {
                content = graph.BodyPreview;
                isHtml = false;
                if (string.IsNullOrEmpty(content))
                {
                    missing++;
                }
            }

            var limit = isHtml ? (int)Math.Min(int.MaxValue, options.MaxBodyChars * 4L) : options.MaxBodyChars;
            if (content is not null && content.Length > limit)
            {
                // The new part of a reply sits at the top; a cut only loses old quoted history.
                cut++;
            }

            var reply = ReplyExtractor.Extract(content, isHtml, limit, cancellationToken);
            var from = graph.From?.EmailAddress ?? graph.Sender?.EmailAddress;
            var address = string.IsNullOrWhiteSpace(from?.Address) ? null : from!.Address!.Trim();
            var fromUs = address is not null && us.Owns(address);
            var when = graph.When;
            var isFuture = when is not null && when.Value > now.AddMinutes(options.FutureToleranceMinutes);
            if (isFuture)
            {
                future++;
            }

            var name = PersonNames.Clean(from?.Name) is { } cleanName && !string.Equals(cleanName, address, StringComparison.OrdinalIgnoreCase) ? cleanName : null;
            var message = new ThreadMessage(id, graph, address, name, when, fromUs, IsAutoReply(graph, reply.NewText), isFuture, reply.NewText, reply.Signature)
            {
                Internal = fromUs && IsInternal(graph, us),
            };
            list.Add((message, index));
        }

        if (duplicates > 0)
        {
            warnings.Add($"{duplicates} message(s) repeated an id already seen and were ignored.");
        }

        if (cut > 0)
        {
            warnings.Add($"{cut} message body/bodies were longer than {options.MaxBodyChars:N0} characters; only the beginning was read.");
        }

        if (missing > 0)
        {
            warnings.Add($"{missing} message(s) had no body; they count for timing only.");
        }

        if (future > 0)
        {
            warnings.Add($"{future} message(s) are dated in the future; they are shown but not counted for silence or replies.");
        }

        if (list.Any(m => m.Message.When is null))
        {
            warnings.Add("Some messages have no date; they are kept in the order given.");
        }

        // Stable order: by time, undated messages where they were given.
        var ordered = list
            .OrderBy(m => m.Message.When ?? DateTimeOffset.MaxValue)
            .ThenBy(m => m.Index)
            .Select(m => m.Message)
            .ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Index = i;
        }

        return ordered;
    }

    /// <summary>Every recipient is on our side (one pass, stops at the first outsider).</summary>
    private static bool IsInternal(GraphMessage graph, OurSide us)
    {
        var any = false;
        foreach (var recipient in (graph.ToRecipients ?? []).Concat(graph.CcRecipients ?? []))
        {
            var address = recipient?.EmailAddress?.Address;
            if (string.IsNullOrWhiteSpace(address))
            {
                continue;
            }

            if (!us.Owns(address.Trim()))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static bool IsAutoReply(GraphMessage message, string newText)
    {
        foreach (var header in message.InternetMessageHeaders ?? [])
        {
            // A posted thread may hold null entries, as its recipient lists may.
            var name = header?.Name ?? "";
            var value = header?.Value ?? "";
            if (name.Equals("Auto-Submitted", StringComparison.OrdinalIgnoreCase) && !value.Trim().Equals("no", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Autoreply", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Autorespond", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Auto-Response-Suppress", StringComparison.OrdinalIgnoreCase) && value.Contains("All", StringComparison.OrdinalIgnoreCase) && TextCues.AutoReplyBody().IsMatch(newText)
                || name.Equals("Precedence", StringComparison.OrdinalIgnoreCase) && value.Contains("auto_reply", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (message.Subject is { } subject && TextCues.AutoReplySubject().IsMatch(subject.Trim()))
        {
            return true;
        }

        return newText.Length < 800 && TextCues.AutoReplyBody().IsMatch(newText);
    }
}

/// <summary>Who is on our side: the mailbox owner, and everyone at their company's domain (never a public mail domain).</summary>
internal sealed class OurSide
{
    private static readonly HashSet<string> PublicMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com",
        "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru",
    };

    private readonly string? _domain;

    public OurSide(string me)
    {
        Me = me.Trim();
        var domain = DomainOf(Me);
        _domain = domain is not null && !PublicMailDomains.Contains(domain) ? domain : null;
    }

    public string Me { get; }

    public bool Owns(string address) =>
        string.Equals(address, Me, StringComparison.OrdinalIgnoreCase)
        || _domain is not null && DomainSpan(address).Equals(_domain, StringComparison.OrdinalIgnoreCase);

    public static bool IsPublicDomain(string domain) => PublicMailDomains.Contains(domain);

    public static string? DomainOf(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at < 0 || at == address!.Length - 1 ? null : address[(at + 1)..].Trim().ToLowerInvariant();
    }

    private static ReadOnlySpan<char> DomainSpan(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? [] : address.AsSpan(at + 1).Trim();
    }
}
