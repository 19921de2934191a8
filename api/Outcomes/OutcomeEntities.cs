namespace GhostAssist.Api.Outcomes;

/// <summary>
/// Counts of tracked follow-ups for one (tenant, team, user, template, play, situation, week): the only
/// outcome figures kept. No text, no address, no subject, no message or conversation id.
/// </summary>
public sealed class OutcomeCount
{
    public required string TenantId { get; set; }

    /// <summary>The team of the team template used, else the tenant id (the default team).</summary>
    public required string TeamId { get; set; }

    /// <summary>The user's object id (opaque), so each user sees their own figures.</summary>
    public required string UserId { get; set; }

    /// <summary>The template's id ("N" format), or "" when the follow-up was drafted without one.</summary>
    public required string TemplateKey { get; set; }

    public required string Play { get; set; }

    /// <summary>The thread's top signal when the follow-up was drafted ("days-silent"), or "none".</summary>
    public required string Situation { get; set; }

    /// <summary>Monday (UTC) of the week the follow-up was sent.</summary>
    public DateOnly Week { get; set; }

    public int Sent { get; set; }

    /// <summary>The contact came back (a real reply or an accepted meeting) within the window.</summary>
    public int Recovered { get; set; }

    /// <summary>Of <see cref="Recovered"/>, those that came back by accepting a meeting.</summary>
    public int RecoveredByMeeting { get; set; }

    /// <summary>The window passed (or we followed up again) with no reply.</summary>
    public int Missed { get; set; }

    /// <summary>Recovered on day 1..7 after sending (day 1 = within 24 hours): the median comes from these.</summary>
    public int Day1 { get; set; }
    public int Day2 { get; set; }
    public int Day3 { get; set; }
    public int Day4 { get; set; }
    public int Day5 { get; set; }
    public int Day6 { get; set; }
    public int Day7 { get; set; }
}

/// <summary>
/// Which tracked messages have been counted, so reading a thread again never counts it twice: a one-way
/// hash of (tenant, user, message id) and where it stands. Nothing else.
/// </summary>
public sealed class OutcomeLedgerEntry
{
    /// <summary>SHA-256 (hex) of tenant, user and the message's id.</summary>
    public required string Key { get; set; }

    /// <summary>pending, recovered or missed.</summary>
    public required string State { get; set; }
}

/// <summary>A user's choice about tracking (on unless they turn it off).</summary>
public sealed class OutcomeSetting
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public bool Tracking { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }
}
