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

    /// <summary>A promise of theirs ("I will confirm the site contacts by Thursday") whose date has passed with no word from them.</summary>
    public const string PromiseOverdue = "promise-overdue";

    /// <summary>They asked us something and we never answered: the silence may be ours.</summary>
    public const string UnansweredQuestion = "unanswered-question";
}

public sealed record ThreadAnalysis(
    string ConversationId,
    string Subject,
    string Me,
    DateTimeOffset AnalyzedAt,
    /// <summary>Whole days since the other side's last real reply, or since our first message when they never replied; always a number (0 for a thread with no real message).</summary>
    int DaysSilent,
    /// <summary>Our messages since their last real reply (all of ours when they never replied). Auto-replies are not replies; internal notes are not ours to count.</summary>
    int UnansweredChases,
    /// <summary>Whose turn it is: true when the last real message is ours, so the thread waits on the other side.</summary>
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

    /// <summary>Every ask, promise, deadline and next step in the new text of each message: who owes it, by when, and where it stands now.</summary>
    public IReadOnlyList<Commitment> Commitments { get; init; } = [];
}

/// <summary>Wire values of <see cref="Commitment"/>.</summary>
public static class CommitmentValues
{
    public const string Ask = "ask";
    public const string Promise = "promise";
    public const string Deadline = "deadline";
    public const string NextStep = "next-step";

    public const string Us = "us";
    public const string Them = "them";
    public const string Both = "both";

    public const string Open = "open";
    public const string Kept = "kept";
    public const string Overdue = "overdue";
    public const string Answered = "answered";
    public const string Superseded = "superseded";
}

/// <summary>
/// One thing somebody in the thread owes: an ask (someone asked the other side to act), a promise (the
/// writer said they would act), a deadline (a timeline the writer's side set) or a dated mutual next step.
/// </summary>
public sealed record Commitment(
    /// <summary>ask, promise, deadline or next-step.</summary>
    string Kind,
    /// <summary>Who has to act: us, them or both.</summary>
    string Owner,
    /// <summary>Who wrote it: us or them.</summary>
    string Speaker,
    /// <summary>What is to be done, as the clause that says it.</summary>
    string Action,
    /// <summary>The day it is due, resolved against the sent time of its message.</summary>
    DateOnly? Due,
    /// <summary>The date phrase as written ("by the 30th", "Q3 FY26").</summary>
    string? DuePhrase,
    /// <summary>What happens if it is done or not, when the thread says so.</summary>
    string? Consequence,
    /// <summary>open, kept, overdue, answered or superseded, judged from the rest of the thread and today.</summary>
    string Status,
    string MessageId,
    string Quote);

/// <summary>A fact for drafting with the words it comes from.</summary>
public sealed record QuotedFact(string Text, string MessageId, string Quote);

/// <summary>Something we sent them (a proposal, options, pricing, a report) and when.</summary>
public sealed record DeliverableFact(
    /// <summary>proposal, options, pricing, quote, report, contract, order form, summary, deck or recap.</summary>
    string Kind,
    DateOnly? SentOn,
    string MessageId,
    string Quote);

/// <summary>Their own timeline ("we need to decide this month"), with the day it means.</summary>
public sealed record TimelineFact(string Text, DateOnly? Date, string? Phrase, string MessageId, string Quote);

/// <summary>The open ask of ours, split the way the action + consequence + date play needs it.</summary>
public sealed record OpenAskFact(string Action, string? Consequence, DateOnly? Due, string? DuePhrase, string MessageId, string Quote);

/// <summary>A senior person on their side and where their title was read.</summary>
public sealed record SeniorPersonFact(string? Name, string Address, string Title, string? MessageId, string? Quote);

/// <summary>The language of their last real message (ISO 639-1 code), so a draft answers in it.</summary>
public sealed record LanguageFact(string Code, string Name, string MessageId);

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
    Participant? SeniorStakeholder)
{
    /// <summary>What we sent them (proposal, options, pricing, report…) and when, newest last.</summary>
    public IReadOnlyList<DeliverableFact> Deliverables { get; init; } = [];

    /// <summary>Their stated goal, with its quote.</summary>
    public QuotedFact? Goal { get; init; }

    /// <summary>Their own timeline, with its quote; never our ask.</summary>
    public TimelineFact? Timeline { get; init; }

    /// <summary>Our latest open ask of them: action, consequence and date.</summary>
    public OpenAskFact? OpenAsk { get; init; }

    /// <summary><see cref="ThreadFacts.Outcomes"/> with the message and words each comes from.</summary>
    public IReadOnlyList<QuotedFact> OutcomeQuotes { get; init; } = [];

    /// <summary>Senior people on their side and their titles.</summary>
    public IReadOnlyList<SeniorPersonFact> SeniorPeople { get; init; } = [];

    /// <summary>The language of their last real message.</summary>
    public LanguageFact? TheirLanguage { get; init; }
}
