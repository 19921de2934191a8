using System.Globalization;
using System.Text.Json;
using GhostAssist.Api.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace GhostAssist.Api.Mail;

/// <summary>
/// The signed-in user's mailbox through Microsoft Graph (on their behalf). Reads only what analysis
/// needs, keeps nothing, and logs counts only.
/// </summary>
public sealed class GraphMailbox(
    GraphServiceClient graph,
    IOptions<GraphOptions> options,
    TimeProvider time,
    IMemoryCache cache,
    IHttpContextAccessor accessor,
    ILogger<GraphMailbox> logger) : IMailboxSource
{
    /// <summary>What analysis reads of a message; uniqueBody is only returned when selected.</summary>
    internal static readonly string[] MessageFields =
    [
        "id", "conversationId", "subject", "from", "sender", "toRecipients", "ccRecipients", "sentDateTime",
        "receivedDateTime", "body", "uniqueBody", "internetMessageHeaders", "isDraft", "webLink",
    ];

    private readonly GraphOptions _options = options.Value;
    private string? _me;

    public string Kind => "graph";

    public async Task<string> GetMeAsync(CancellationToken cancellationToken)
    {
        if (_me is not null)
        {
            return _me;
        }

        // A user's address hardly changes: remembered for an hour, a thread read is one Graph call.
        var principal = accessor.HttpContext?.User;
        var key = $"graph-me:{principal?.FindFirst("tid")?.Value}:{principal?.FindFirst("oid")?.Value}";
        if (principal is not null && cache.TryGetValue(key, out string? remembered) && remembered is not null)
        {
            return _me = remembered;
        }

        var user = await graph.Me.GetAsync(request => request.QueryParameters.Select = ["mail", "userPrincipalName"], cancellationToken);
        _me = user?.Mail ?? user?.UserPrincipalName ?? throw new ApiProblemException(StatusCodes.Status502BadGateway, "Microsoft Graph answered oddly", "Microsoft Graph did not say which mailbox is yours.");
        if (principal is not null)
        {
            cache.Set(key, _me, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1), Size = 1 });
        }

        return _me;
    }

    public async Task<MailThread?> GetThreadAsync(string conversationId, CancellationToken cancellationToken)
    {
        conversationId = OutlookId(conversationId, "conversation");
        var meTask = GetMeAsync(cancellationToken);
        // OData string literals escape a single quote by doubling it; the SDK then URL-encodes the whole value.
        var filter = $"conversationId eq '{conversationId.Replace("'", "''", StringComparison.Ordinal)}'";
        var messagesTask = ReadAllAsync(
            graph.Me.Messages.GetAsync(request =>
            {
                request.QueryParameters.Filter = filter;
                request.QueryParameters.Select = MessageFields;
                request.QueryParameters.Top = _options.PageSize;
                request.Headers.Add("Prefer", PreferBody);
            }, cancellationToken),
            _options.MaxThreadMessages,
            cancellationToken);
        await Task.WhenAll(meTask, messagesTask);
        var (me, messages) = (meTask.Result, messagesTask.Result);
        logger.LogInformation("Graph thread read: {MessageCount} messages", messages.Count);
        if (messages.Count == 0)
        {
            return null;
        }

        return new MailThread(conversationId, me, Chronological(messages));
    }

    public async Task<string?> FindConversationIdAsync(string messageId, CancellationToken cancellationToken)
    {
        messageId = OutlookId(messageId, "message");
        try
        {
            // Items[] escapes the id as one path segment, so a '/' in a REST id stays inside it.
            var message = await graph.Me.Messages[messageId].GetAsync(request => request.QueryParameters.Select = ["conversationId"], cancellationToken);
            return string.IsNullOrEmpty(message?.ConversationId) ? null : message.ConversationId;
        }
        catch (ApiProblemException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // Deleted, moved to another mailbox, or never this user's: the caller answers 404 in its own words.
            return null;
        }
    }

    /// <summary>
    /// Checks an Outlook id's length and undoes the half-decoding of route values: Outlook ids are
    /// base64 (with '/', '+', '='), never '%', and ASP.NET Core leaves an encoded '/' (%2F) encoded.
    /// </summary>
    private static string OutlookId(string id, string what)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 1024)
        {
            throw ApiProblemException.BadRequest($"The {what} id must be 1 to 1024 characters, as Outlook gives it.");
        }

        return id.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(id) : id;
    }

    /// <summary>
    /// The radar's input in three parallel calls (plus paging): who I am, what I sent lately, and
    /// everything received since; a conversation is waiting when my message is its latest.
    /// </summary>
    public async Task<IReadOnlyList<MailThread>> GetRecentThreadsAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-_options.RadarDays).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var meTask = GetMeAsync(cancellationToken);
        var sentTask = ReadAllAsync(
            graph.Me.MailFolders["sentitems"].Messages.GetAsync(request =>
            {
                request.QueryParameters.Filter = $"sentDateTime ge {since}";
                request.QueryParameters.Orderby = ["sentDateTime desc"];
                request.QueryParameters.Select = MessageFields;
                request.QueryParameters.Top = _options.PageSize;
                request.Headers.Add("Prefer", PreferBody);
            }, cancellationToken),
            _options.RadarMaxMessages / 2,
            cancellationToken);
        var receivedTask = ReadAllAsync(
            graph.Me.Messages.GetAsync(request =>
            {
                request.QueryParameters.Filter = $"receivedDateTime ge {since} and isDraft eq false";
                request.QueryParameters.Orderby = ["receivedDateTime desc"];
                request.QueryParameters.Select = MessageFields;
                request.QueryParameters.Top = _options.PageSize;
                request.Headers.Add("Prefer", PreferBody);
            }, cancellationToken),
            _options.RadarMaxMessages / 2,
            cancellationToken);
        await Task.WhenAll(meTask, sentTask, receivedTask);
        var me = meTask.Result;

        var sentConversations = sentTask.Result.Where(m => m.ConversationId is not null && m.IsDraft != true).Select(m => m.ConversationId!).ToHashSet(StringComparer.Ordinal);
        var threads = sentTask.Result.Concat(receivedTask.Result)
            .Where(m => m.IsDraft != true && m.ConversationId is not null && sentConversations.Contains(m.ConversationId))
            .DistinctBy(m => m.Id)
            .GroupBy(m => m.ConversationId!, StringComparer.Ordinal)
            .Select(g => new MailThread(g.Key, me, Chronological(g)))
            // Waiting on them, or answered after a tracked follow-up: the outcome counts need to see those come back.
            .Where(t => IsFrom(t.Messages[^1], me) || t.Messages.Any(m => IsFrom(m, me) && Outcomes.TrackingMarker.Read(m.InternetMessageHeaders) is not null))
            .OrderByDescending(t => t.Messages[^1].When)
            .ToList();
        logger.LogInformation("Graph radar read: {Sent} sent, {Received} received, {Waiting} threads waiting", sentTask.Result.Count, receivedTask.Result.Count, threads.Count);
        return threads;
    }

    private string PreferBody => $"outlook.body-content-type=\"{_options.BodyContentType}\"";

    private async Task<List<Message>> ReadAllAsync(Task<MessageCollectionResponse?> first, int cap, CancellationToken cancellationToken)
    {
        var messages = new List<Message>();
        var page = await first;
        while (page is not null)
        {
            messages.AddRange(page.Value ?? []);
            if (messages.Count >= cap || string.IsNullOrEmpty(page.OdataNextLink))
            {
                break;
            }

            // The next link carries $filter/$select/$top; the Prefer header must be sent again.
            page = await graph.Me.Messages.WithUrl(page.OdataNextLink).GetAsync(request => request.Headers.Add("Prefer", PreferBody), cancellationToken);
        }

        return messages.Count > cap ? messages[..cap] : messages;
    }

    // Graph refuses $orderby together with the conversationId filter (InefficientFilter), so threads are ordered here.
    private static List<GraphMessage> Chronological(IEnumerable<Message> messages) =>
        messages.Select(ToGraphMessage).OrderBy(m => m.When ?? DateTimeOffset.MinValue).ToList();

    private static bool IsFrom(GraphMessage message, string me) =>
        string.Equals((message.From ?? message.Sender)?.EmailAddress?.Address, me, StringComparison.OrdinalIgnoreCase);

    internal static GraphMessage ToGraphMessage(Message message) => new()
    {
        Id = message.Id,
        ConversationId = message.ConversationId,
        Subject = message.Subject,
        From = Recipient(message.From),
        Sender = Recipient(message.Sender),
        ToRecipients = message.ToRecipients?.Select(Recipient).OfType<GraphRecipient>().ToList(),
        CcRecipients = message.CcRecipients?.Select(Recipient).OfType<GraphRecipient>().ToList(),
        SentDateTime = message.SentDateTime,
        ReceivedDateTime = message.ReceivedDateTime,
        Body = Body(message.Body),
        UniqueBody = Body(message.UniqueBody),
        BodyPreview = message.BodyPreview,
        InternetMessageHeaders = message.InternetMessageHeaders?.Select(h => new GraphInternetMessageHeader { Name = h.Name, Value = h.Value }).ToList(),
        InferenceClassification = message.InferenceClassification?.ToString().ToLowerInvariant(),
        IsDraft = message.IsDraft,
        WebLink = message.WebLink,
        MeetingMessageType = message is EventMessage { MeetingMessageType: { } meeting } ? JsonNamingPolicy.CamelCase.ConvertName(meeting.ToString()) : null,
    };

    private static GraphRecipient? Recipient(Recipient? recipient) => recipient?.EmailAddress is { } address
        ? new GraphRecipient { EmailAddress = new GraphEmailAddress { Address = address.Address, Name = address.Name } }
        : null;

    private static GraphItemBody? Body(ItemBody? body) => body is null
        ? null
        : new GraphItemBody { ContentType = body.ContentType == BodyType.Html ? "html" : "text", Content = body.Content };
}
