using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;

namespace GhostAssist.Benchmarks;

/// <summary>
/// Built-in drafting as POST /api/drafts runs it after the analysis: plan (applicability,
/// recipients, dates), compose, coach, HTML. BenchmarkDotNet gives the mean and per-iteration
/// percentiles; the cleanup also times single drafts in a bounded loop and prints p50/p99 per draft.
/// Run: dotnet run -c Release --project tests/GhostAssist.Benchmarks -- --filter '*Drafting*' --job short
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class DraftingBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private ThreadAnalysis _analysis = null!;
    private FollowUpKind _kind = null!;
    private ComposedDraft _composed = null!;

    [Params(
        FollowUpKinds.WiifmSummary, FollowUpKinds.ActionConsequence, FollowUpKinds.CalendarInvite, FollowUpKinds.WorriedCheckIn,
        FollowUpKinds.MicroCommitmentRecap, FollowUpKinds.MultiThread, FollowUpKinds.UrgencyTest, FollowUpKinds.ReEngage)]
    public string Kind { get; set; } = FollowUpKinds.WiifmSummary;

    [GlobalSetup]
    public void Setup()
    {
        _analysis = Kind == FollowUpKinds.ReEngage ? Thread(postponed: true) : Thread(postponed: false);
        _kind = FollowUpCatalog.Find(Kind)!;
        _composed = BuiltInComposer.Compose(DraftPlanner.Plan(_analysis, _kind, "warm", null, "Alex Morgan", Now));
    }

    [Benchmark(Description = "plan + compose + coach + html")]
    public int Draft()
    {
        var plan = DraftPlanner.Plan(_analysis, _kind, "warm", null, "Alex Morgan", Now);
        var draft = BuiltInComposer.Compose(plan);
        var coach = DraftCoach.Score(draft.Subject, draft.BodyText, _kind.Id);
        return coach.Score + DraftHtml.FromText(draft.BodyText).Length;
    }

    [Benchmark(Description = "coach only")]
    public int Coach() => DraftCoach.Score(_composed.Subject, _composed.BodyText, _kind.Id).Score;

    [GlobalCleanup]
    public void PrintPerDraftPercentiles()
    {
        // Per-draft latency, which the per-iteration statistics average away.
        const int Drafts = 20_000;
        var samples = new double[Drafts];
        for (var i = 0; i < 2_000; i++)
        {
            Draft();
        }

        for (var i = 0; i < Drafts; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Draft();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        Console.WriteLine($"// Drafting {Kind}: per draft p50 {samples[Drafts / 2]:0.0} us, p99 {samples[(int)(Drafts * 0.99)]:0.0} us, max {samples[^1]:0.0} us over {Drafts:N0} drafts");
    }

    private static ThreadAnalysis Thread(bool postponed)
    {
        var me = new Participant("alex.morgan@ghostassist.example", "Alex Morgan", "ours", "GhostAssist", null, false, false, 3, 0);
        var sam = new Participant("sam.patel@contoso.example", "Sam Patel", "theirs", "Contoso", "Head of IT Operations", true, false, 2, 0);
        var dana = new Participant("dana.reeves@contoso.example", "Dana Reeves", "theirs", "Contoso", "CIO", false, true, 0, 1);
        AnalyzedMessage Msg(string id, bool fromUs, int daysAgo, string text) =>
            new(id, fromUs ? me.Address : sam.Address, fromUs ? me.Name : sam.Name, Now.AddDays(-daysAgo), fromUs, false, text, null);
        var messages = postponed
            ? new[]
            {
                Msg("m1", true, 40, "Hi Sam, here is the proposal with pricing."),
                Msg("m2", true, 25, "Hi Sam, happy to walk you through it."),
                Msg("m3", false, 1, "Sorry for the delay. We have to cut spend until year end. Can we pick this up again in January?"),
            }
            : new[]
            {
                Msg("m1", true, 30, "Hi Sam, as agreed, the proposal and pricing are attached."),
                Msg("m2", false, 16, "Thanks Alex. We want to decide this month so we have time to migrate before our contract ends in January."),
                Msg("m3", true, 9, "Hi Sam, did you get a chance to look at the two options?"),
                Msg("m4", true, 3, "Hi Sam, happy to walk you through the pricing if useful."),
            };
        var facts = new ThreadFacts("Sam", "Sam Patel", sam.Address, "Contoso", "Alex", "Alex Morgan", "the proposal and pricing",
            "your feedback on the two options", "decide this month so we have time to migrate",
            new DatedMention("end of January", new DateOnly(2027, 1, 29), "m2"), null,
            postponed ? new DatedMention("in January", new DateOnly(2027, 1, 1), "m3") : null,
            ["onboarding cut from three weeks to one", "one view of every renewal for your team"], dana);
        return new ThreadAnalysis("conv-bench", "Proposal and pricing", me.Address, Now, postponed ? 3 : 16, postponed ? 0 : 2, !postponed,
            new GhostRisk(80, "high", []), [], [], [me, sam, dana], messages, facts);
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
    }
}
