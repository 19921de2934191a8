using BenchmarkDotNet.Attributes;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;
using Microsoft.Extensions.Options;

namespace GhostAssist.Benchmarks;

/// <summary>
/// One message of ours to N addresses of our own domain plus the contact: the analysis must grow linearly with
/// the addresses (one dictionary lookup each), not with their square. Run with --filter *ParticipantsBenchmarks* --job short.
/// </summary>
[MemoryDiagnoser]
public class ParticipantsBenchmarks
{
    private List<GraphMessage> _thread = [];
    private ThreadAnalyzer _analyzer = null!;

    [Params(1_000, 10_000, 40_000)]
    public int Recipients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var alex = GraphRecipient.Of(AnalysisThreads.Me, "Alex Morgan");
        var dana = GraphRecipient.Of("dana.whitfield@northwind-traders.com", "Dana Whitfield");
        var everyone = Enumerable.Range(0, Recipients).Select(i => GraphRecipient.Of($"person{i}@ghostassist.example", $"Person {i}")).Prepend(dana).ToList();
        _thread =
        [
            new GraphMessage
            {
                Id = "all-hands", ConversationId = "bench", Subject = "Rollout", From = alex, ToRecipients = everyone,
                SentDateTime = AnalysisThreads.Start, Body = new GraphItemBody { ContentType = "text", Content = "Hi all,\n\nThe rollout starts on Monday.\n\nAlex" },
            },
            new GraphMessage
            {
                Id = "reply", ConversationId = "bench", Subject = "Re: Rollout", From = dana, ToRecipients = [alex], CcRecipients = everyone,
                SentDateTime = AnalysisThreads.Start.AddHours(2), Body = new GraphItemBody { ContentType = "text", Content = "Thanks Alex, I'll confirm the site contacts by Thursday.\n\nDana" },
            },
        ];
        _analyzer = new ThreadAnalyzer(new FixedClock(AnalysisThreads.Start.AddDays(3)), Options.Create(new AnalysisOptions()));
    }

    [Benchmark]
    public int Analyze() => _analyzer.Analyze(AnalysisThreads.Me, _thread).Participants.Count;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
