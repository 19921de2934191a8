using System.ComponentModel.DataAnnotations;

namespace GhostAssist.Api.Analysis;

/// <summary>The follow-up plays of the seeds, as they appear on the wire.</summary>
public static class FollowUpKinds
{
    public const string WiifmSummary = "wiifm-summary";
    public const string ActionConsequence = "action-consequence";
    public const string CalendarInvite = "calendar-invite";
    public const string WorriedCheckIn = "worried-check-in";
    public const string MicroCommitmentRecap = "micro-commitment-recap";
    public const string MultiThread = "multi-thread";
    public const string UrgencyTest = "urgency-test";
    public const string ReEngage = "re-engage";

    public static readonly IReadOnlyList<string> All =
    [
        WiifmSummary, ActionConsequence, CalendarInvite, WorriedCheckIn,
        MicroCommitmentRecap, MultiThread, UrgencyTest, ReEngage,
    ];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);
}

/// <summary>Stable signal codes: the pane and the drafts key on them.</summary>
public static class SignalCodes
{
    public const string DaysSilent = "days-silent";
    public const string NeverReplied = "never-replied";
    public const string UnansweredChases = "unanswered-chases";
    public const string SlowingReplies = "slowing-replies";
    public const string SingleThreaded = "single-threaded";
    public const string NoMutualNextStep = "no-mutual-next-step";
    public const string DeadlineWithoutConsequence = "deadline-without-consequence";
    public const string ActionRequired = "action-required";
    public const string Postponed = "postponed";
}

public sealed record ThreadAnalysis(
    string ConversationId,
    string Subject,
    string Me,
    DateTimeOffset AnalyzedAt,
    /// <summary>Whole days since the other side's last real reply (or since our first message when they never replied); null when we owe them a reply.</summary>
    int? DaysSilent,
    /// <summary>Our messages since their last real reply, after the first one that asked.</summary>
    int UnansweredChases,
    /// <summary>True when the last real message is ours: the thread waits on the other side.</summary>
    bool AwaitingThem,
    GhostRisk GhostRisk,
    IReadOnlyList<Signal> Signals,
    IReadOnlyList<Recommendation> Recommended,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<AnalyzedMessage> Messages,
    ThreadFacts Facts)
{
    /// <summary>What was odd about the input and how it was handled (duplicates dropped, bodies cut, future dates ignored).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public sealed record GhostRisk(int Score, [property: AllowedValues("low", "medium", "high")] string Level, IReadOnlyList<string> Reasons);

public sealed record Signal(string Code, string Message, int Weight, IReadOnlyList<Evidence> Evidence);

public sealed record Evidence(string MessageId, string Quote);

public sealed record Recommendation(string Kind, string Why);

public sealed record Participant(
    string Address,
    string? Name,
    /// <summary>"ours" or "theirs".</summary>
    [property: AllowedValues("ours", "theirs")]
    string Side,
    string? Organisation,
    string? Title,
    bool IsMainContact,
    bool IsSenior,
    int MessagesSent,
    int TimesCopied);

public sealed record AnalyzedMessage(
    string Id,
    string? FromAddress,
    string? FromName,
    DateTimeOffset? SentDateTime,
    bool FromUs,
    bool IsAutoReply,
    string NewText,
    string? Signature);

/// <summary>A date-bearing phrase found in the thread, resolved against the sent time of its message.</summary>
public sealed record DatedMention(string Text, DateOnly? Date, string MessageId)
{
    /// <summary>The date phrase itself inside <see cref="Text"/> ("next Tuesday", "in January").</summary>
    public string? Phrase { get; init; }
}

/// <summary>What the drafts are grounded in: facts of the thread, each traceable to a message.</summary>
public sealed record ThreadFacts(
    string? ContactFirstName,
    string? ContactName,
    string? ContactAddress,
    string? Company,
    string? UserFirstName,
    string? UserName,
    /// <summary>What we last sent or asked about, in a few words ("the proposal and pricing").</summary>
    string? LastTopic,
    /// <summary>Our last open ask of them, quoted.</summary>
    string? LastAsk,
    /// <summary>Their stated goal, quoted ("decide this month so we have time to migrate").</summary>
    string? StatedGoal,
    DatedMention? Deadline,
    DatedMention? NextStep,
    DatedMention? Postponement,
    /// <summary>Outcomes for them that the thread mentions (their WIIFM).</summary>
    IReadOnlyList<string> Outcomes,
    Participant? SeniorStakeholder);
