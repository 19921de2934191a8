namespace GhostAssist.Api.Analysis;

/// <summary>
/// What every detector reads, worked out once per analysis: the messages in time order, the sides, whose
/// turn it is, the counts the API documents, and the commitments. Detectors only read it.
/// </summary>
internal sealed class ThreadContext
{
    public ThreadContext(OurSide us, List<ThreadMessage> messages, List<ParticipantRead> participants, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Us = us;
        Now = now;
        Today = DateOnly.FromDateTime(now.UtcDateTime);
        Messages = messages;
        Participants = participants.Select(p => p.Participant).ToList();
        ParticipantSources = participants;
        Real = messages.Where(m => m.IsReal).ToList();
        Ours = Real.Where(m => m.FromUs).ToList();
        Theirs = Real.Where(m => !m.FromUs).ToList();
        MainContact = Participants.FirstOrDefault(p => p.IsMainContact);

        LastTheirs = Theirs.LastOrDefault();
        var lastReal = Real.LastOrDefault();
        AwaitingThem = lastReal is { FromUs: true };
        OursSinceTheirLast = Ours.Where(m => LastTheirs is null || m.Index > LastTheirs.Index).ToList();

        // unansweredChases: our messages since their last real reply (all of ours when they never replied).
        UnansweredChases = OursSinceTheirLast.Count;

        // daysSilent: since their last real reply, else since our first message; a thread with neither has been silent 0 days.
        var since = LastTheirs?.When ?? Ours.FirstOrDefault(m => m.When is not null)?.When;
        DaysSilent = since is null ? 0 : Math.Max(0, (int)(now - since.Value).TotalDays);

        // The ladder climbs with follow-ups: every message after the first since their reply, and the first too when it is
        // itself a nudge ("any news from the internal review?"), since then nothing of ours since their reply was news.
        var firstIsNudge = LastTheirs is not null && OursSinceTheirLast.Count > 0 && TextCues.IsNudge(OursSinceTheirLast[0].NewText);
        FollowUps = OursSinceTheirLast.Count == 0 ? 0 : OursSinceTheirLast.Count - 1 + (firstIsNudge ? 1 : 0);

        Commitments = CommitmentReader.Read(this, cancellationToken);
    }

    public OurSide Us { get; }
    public DateTimeOffset Now { get; }
    public DateOnly Today { get; }
    public List<ThreadMessage> Messages { get; }
    public List<Participant> Participants { get; }
    public List<ParticipantRead> ParticipantSources { get; }
    public List<ThreadMessage> Real { get; }
    public List<ThreadMessage> Ours { get; }
    public List<ThreadMessage> Theirs { get; }
    public Participant? MainContact { get; }
    public string? ContactName => MainContact?.Name;
    public ThreadMessage? LastTheirs { get; }
    public bool AwaitingThem { get; }
    public List<ThreadMessage> OursSinceTheirLast { get; }
    public int UnansweredChases { get; }
    public int DaysSilent { get; }
    public int FollowUps { get; }
    public List<CommitmentRead> Commitments { get; }

    /// <summary>The last exchange: their last reply and what followed (or our opening when they never wrote), plus our last message.</summary>
    public bool InLastExchange(ThreadMessage message) =>
        LastTheirs is null || message.Index >= LastTheirs.Index || ReferenceEquals(message, Ours.LastOrDefault());

    public ThreadMessage? ById(string id) => Messages.FirstOrDefault(m => m.Id == id);

    public string ContactFirstNameOr(string fallback) => People.PersonNames.FirstName(ContactName) ?? fallback;
}
