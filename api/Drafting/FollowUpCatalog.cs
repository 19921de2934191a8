using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Drafting;

/// <summary>A follow-up play as the pane lists it: what it is for, in the seeds' words.</summary>
public sealed record FollowUpKind(
    string Id,
    string Name,
    string WhenToUse,
    /// <summary>The seeds' advice the draft must carry (also given to the language model).</summary>
    string Advice,
    /// <summary>False when the play asks for no reply (the WIIFM report card).</summary>
    bool NeedsReply,
    /// <summary>True when the play must end with a concrete dated ask.</summary>
    bool NeedsDatedAsk);

public static class FollowUpCatalog
{
    public static readonly IReadOnlyList<FollowUpKind> All =
    [
        new(FollowUpKinds.WiifmSummary, "Outcome summary (WIIFM)",
            "When you want to stay useful without asking for anything: summarise the outcomes your solution enables for them in a short report card, with an open invitation to discuss them whenever they want.",
            "Write from the customer's point of view: What's In It For Me. Share the outcomes for them, not your agenda. Communicate without requiring a follow-up: say plainly that no reply is needed and leave an open invitation.",
            NeedsReply: false, NeedsDatedAsk: false),
        new(FollowUpKinds.ActionConsequence, "Action, consequence and date",
            "When the customer must act: say what happens if they act, what happens if they don't, and by which date.",
            "If some action is required, communicate the outcome of the action (or non-action), the date this will happen and the consequences that will result: their WIIFM.",
            NeedsReply: true, NeedsDatedAsk: true),
        new(FollowUpKinds.CalendarInvite, "Calendar invite note",
            "When action is required and emails go unanswered: send a calendar invite; it connects in real time more than half the time.",
            "If action is required, try sending a calendar invite: it connects more than half the time. Keep the note short, say what the time is for and make it easy to move.",
            NeedsReply: false, NeedsDatedAsk: true),
        new(FollowUpKinds.WorriedCheckIn, "Genuinely worried check-in",
            "As a last resort, when a pressing item needs them and every other effort has gone unanswered.",
            "Reach out because you are genuinely worried that something might be wrong, and you know they are not the kind of person who would just not respond. Short, honest, no blame.",
            NeedsReply: true, NeedsDatedAsk: false),
        new(FollowUpKinds.MicroCommitmentRecap, "Micro-commitment recap",
            "At the end of every contact, or when the last exchange has no dated next step: what I will do, what you will do and what we will do together, each with a date.",
            "Set micro-commitments: what I will do next, what you will do next and what we will do next together, all with timescales, so every contact has a clear mutual next step.",
            NeedsReply: true, NeedsDatedAsk: true),
        new(FollowUpKinds.MultiThread, "Reach a second stakeholder",
            "When you rely on a single contact who does not sign off: reach the decision maker (often the CIO) without going around your contact rudely.",
            "Multi-thread: build relationships with those who decide and sign off, not only the recommender. Be courteous to the main contact: copy them or say you are keeping them in the loop.",
            NeedsReply: true, NeedsDatedAsk: true),
        new(FollowUpKinds.UrgencyTest, "Urgency test",
            "When a timeline has no consequence and is slipping: ask what happens if they act, and if they don't.",
            "A timeline without a consequence slips. Test the urgency by asking about the consequences of action or non-action, and make sure deadlines are real and compelling.",
            NeedsReply: true, NeedsDatedAsk: true),
        new(FollowUpKinds.ReEngage, "Re-engage and re-qualify",
            "When the contact comes back after silence or asks to pick this up later (\"can we pick this up in January?\"): re-qualify and agree a dated restart.",
            "Re-qualify rather than carry on as before: check what changed, who decides and what matters now, and agree a dated restart as a micro-commitment.",
            NeedsReply: true, NeedsDatedAsk: true),
    ];

    private static readonly Dictionary<string, FollowUpKind> ById = All.ToDictionary(k => k.Id, StringComparer.Ordinal);

    public static FollowUpKind? Find(string? id) => id is not null && ById.TryGetValue(id, out var kind) ? kind : null;
}
