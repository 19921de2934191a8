namespace GhostAssist.Api.Analysis;

/// <summary>
/// Every weight and threshold of the analysis in one table, so they are tuned together against the
/// labelled suite (tests/…/Analysis/Labelled) rather than one detector at a time.
/// </summary>
internal static class SignalWeights
{
    // Silence: more days, more weight; never replying at all adds a base.
    public static int Silence(int days) => days switch
    {
        < 3 => 5,
        < 7 => 10,
        < 14 => 20,
        < 30 => 30,
        _ => 40,
    };

    public const int NeverRepliedBase = 10;
    public const int DaysSilentFromDays = 2;

    public const int PerFollowUp = 10;
    public const int FollowUpsMax = 30;

    public const int SlowingReplies = 15;
    public const int SlowingFromDays = 2;
    public const double SlowingFactor = 2.5;
    public const int SlowingMarginHours = 12;

    public const int SingleThreaded = 10;
    public const int NoMutualNextStep = 5;
    public const int DeadlineWithoutConsequence = 5;
    public const int ActionRequiredUndated = 5;
    public const int ActionRequiredDated = 3;
    public const int Postponed = 15;
    public const int PromiseOverdue = 10;
    public const int UnansweredQuestion = 5;

    // Risk: the sum of weights, capped; when we owe the reply only a share of it counts (the deal drifting, not ghosting).
    public const int HighFrom = 65;
    public const int MediumFrom = 35;
    public const int WeOweNumerator = 2;
    public const int WeOweDenominator = 5;

    // The play ladder climbs with follow-ups and days.
    public const int LastResortFollowUps = 3;
    public const int LongSilenceDays = 30;
    public const int LongSilenceFollowUps = 2;
    public const int WidenFollowUps = 2;
    public const int WidenDays = 14;
    public const int WorriedDays = 14;
}
