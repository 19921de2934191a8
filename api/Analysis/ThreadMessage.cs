using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Analysis;

/// <summary>One message as the analysis reads it: who wrote it, when, on which side, and what they newly wrote.</summary>
internal sealed class ThreadMessage(string id, GraphMessage graph, string? fromAddress, string? fromName, DateTimeOffset? when, bool fromUs, bool isAuto, bool isFuture, string newText, string? signature)
{
    private List<string>? _sentences;

    public string Id { get; } = id;
    public GraphMessage Graph { get; } = graph;
    public string? FromAddress { get; } = fromAddress;
    public string? FromName { get; } = fromName;
    public DateTimeOffset? When { get; } = when;
    public bool FromUs { get; } = fromUs;
    public bool IsAuto { get; } = isAuto;
    public bool IsFuture { get; } = isFuture;
    public string NewText { get; } = newText;
    public string? Signature { get; } = signature;

    /// <summary>A note between colleagues (every recipient on our side): neither their reply nor our follow-up.</summary>
    public bool Internal { get; init; }

    /// <summary>Position in the thread's time order, so "later than" is one integer comparison.</summary>
    public int Index { get; set; }

    /// <summary>Counts for replies and chases: a person wrote it, to the other side, at a time that has happened.</summary>
    public bool IsReal => !IsAuto && !IsFuture && FromAddress is not null && !Internal;

    /// <summary>Sentences of the writer's words, without the signature (a title there is not an ask).</summary>
    public List<string> Sentences => _sentences ??= TextCues.Sentences(WithoutSignature());

    public DateOnly Day(DateTimeOffset now) => DateOnly.FromDateTime((When ?? now).UtcDateTime);

    public Evidence Evidence()
    {
        var sentence = Sentences.FirstOrDefault() ?? NewText;
        return new Evidence(Id, TextCues.Quote(sentence));
    }

    private string WithoutSignature()
    {
        if (Signature is null)
        {
            return NewText;
        }

        var at = NewText.LastIndexOf(Signature, StringComparison.Ordinal);
        return at > 0 ? NewText[..at] : NewText;
    }
}
