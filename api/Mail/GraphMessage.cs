using System.Text.Json.Serialization;

namespace GhostAssist.Api.Mail;

/// <summary>
/// A mail message in Microsoft Graph's own JSON shape (the subset analysis needs). Threads arrive in
/// this shape from Graph, from the demo mailbox and in the body of POST /api/analysis.
/// </summary>
public sealed record GraphMessage
{
    public string? Id { get; init; }
    public string? ConversationId { get; init; }
    public string? Subject { get; init; }
    public GraphRecipient? From { get; init; }
    public GraphRecipient? Sender { get; init; }
    public IReadOnlyList<GraphRecipient>? ToRecipients { get; init; }
    public IReadOnlyList<GraphRecipient>? CcRecipients { get; init; }
    public DateTimeOffset? SentDateTime { get; init; }
    public DateTimeOffset? ReceivedDateTime { get; init; }
    public GraphItemBody? Body { get; init; }
    public GraphItemBody? UniqueBody { get; init; }
    public string? BodyPreview { get; init; }
    public IReadOnlyList<GraphInternetMessageHeader>? InternetMessageHeaders { get; init; }
    public string? InferenceClassification { get; init; }
    public bool? IsDraft { get; init; }
    public string? WebLink { get; init; }

    /// <summary>Meeting messages only (Graph's eventMessage): meetingRequest, meetingAccepted, meetingDeclined, …</summary>
    public string? MeetingMessageType { get; init; }

    /// <summary>When the message happened: sent time, else received time.</summary>
    [JsonIgnore]
    public DateTimeOffset? When => SentDateTime ?? ReceivedDateTime;
}

public sealed record GraphRecipient
{
    public GraphEmailAddress? EmailAddress { get; init; }

    public static GraphRecipient Of(string address, string? name = null) =>
        new() { EmailAddress = new GraphEmailAddress { Address = address, Name = name } };
}

public sealed record GraphEmailAddress
{
    public string? Name { get; init; }
    public string? Address { get; init; }
}

public sealed record GraphItemBody
{
    /// <summary>"text" or "html" (Graph writes them in lower case; any case is accepted).</summary>
    public string? ContentType { get; init; }
    public string? Content { get; init; }

    [JsonIgnore]
    public bool IsHtml => string.Equals(ContentType, "html", StringComparison.OrdinalIgnoreCase);
}

public sealed record GraphInternetMessageHeader
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}
