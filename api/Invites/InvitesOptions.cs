namespace GhostAssist.Api.Invites;

/// <summary>Invite rules, bound from the <c>Invites</c> configuration section.</summary>
public sealed class InvitesOptions
{
    public const string Section = "Invites";

    /// <summary>The user's IANA (or Windows) time zone when the request names none.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    public WorkingHoursOptions WorkingHours { get; set; } = new();

    /// <summary>Demo (.ics) invites kept per user in the template store's database; past it the oldest are removed.</summary>
    public int MaxStoredPerUser { get; set; } = 200;

    /// <summary>The default window: the rest of today and this many business days after it.</summary>
    public int WindowBusinessDays { get; set; } = 5;

    /// <summary>A window wider than this is refused: it bounds the work one request can ask for.</summary>
    public int MaxWindowDays { get; set; } = 31;

    /// <summary>No slot starts sooner than this after now: nobody can act on an invite for the next five minutes.</summary>
    public int MinimumNoticeMinutes { get; set; } = 60;
}

public sealed class WorkingHoursOptions
{
    public TimeOnly Start { get; set; } = new(9, 0);
    public TimeOnly End { get; set; } = new(17, 30);
}
