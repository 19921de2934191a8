using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;
using Microsoft.Extensions.Options;

namespace GhostAssist.Benchmarks;

/// <summary>
/// Reply extraction and whole-thread analysis on threads where every message quotes the whole history
/// before it (the real, quadratic case): text replies nest "&gt;" quoting as Gmail does, HTML replies
/// append the previous body under Outlook's reply header. Run with --filter *AnalysisBenchmarks*.
/// </summary>
[Config(typeof(AnalysisBenchmarkConfig))]
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private List<GraphMessage> _thread = [];
    private ThreadAnalyzer _analyzer = null!;

    [Params(10, 50, 200)]
    public int Messages { get; set; }

    [Params("text", "html")]
    public string Format { get; set; } = "text";

    [GlobalSetup]
    public void Setup()
    {
        _thread = AnalysisThreads.Build(Messages, Format);
        _analyzer = new ThreadAnalyzer(new FixedClock(AnalysisThreads.Start.AddDays(Messages + 30)), Options.Create(new AnalysisOptions { MaxBodyChars = int.MaxValue / 8 }));
    }

    [Benchmark]
    public int Extract()
    {
        var total = 0;
        foreach (var message in _thread)
        {
            total += ReplyExtractor.Extract(message.Body!.Content, message.Body.IsHtml).NewText.Length;
        }

        return total;
    }

    [Benchmark]
    public ThreadAnalysis Analyze() => _analyzer.Analyze(AnalysisThreads.Me, _thread!);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal static class AnalysisThreads
{
    public const string Me = "alex.morgan@ghostassist.example";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<(int, string), long> Sizes = [];

    public static long InputBytes(int messages, string format)
    {
        lock (Sizes)
        {
            if (!Sizes.TryGetValue((messages, format), out var bytes))
            {
                bytes = Build(messages, format).Sum(m => (long)Encoding.UTF8.GetByteCount(m.Body!.Content!));
                Sizes[(messages, format)] = bytes;
            }

            return bytes;
        }
    }

    public static List<GraphMessage> Build(int count, string format)
    {
        var alex = GraphRecipient.Of(Me, "Alex Morgan");
        var dana = GraphRecipient.Of("dana.whitfield@northwind-traders.com", "Dana Whitfield");
        var thread = new List<GraphMessage>(count);
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var ours = i % 2 == 0;
            var from = ours ? alex : dana;
            var to = ours ? dana : alex;
            var when = Start.AddHours(i * 20);
            var own = NewText(i, ours);
            var attribution = when.AddHours(-20).ToString("ddd, MMM d, yyyy 'at' h:mm tt", CultureInfo.InvariantCulture);
            string body;
            if (format == "html")
            {
                var ownHtml = string.Join("", own.Split('\n').Select(l => l.Length == 0 ? "<div><br></div>" : $"<div>{l}</div>"));
                body = previous is null
                    ? $"<html><body>{ownHtml}</body></html>"
                    : $"<html><body>{ownHtml}<div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> {(ours ? "Dana Whitfield" : "Alex Morgan")}<br><b>Sent:</b> {attribution}<br><b>To:</b> {(ours ? "Alex Morgan" : "Dana Whitfield")}<br><b>Subject:</b> Re: Rollout plan</div><div>{Inner(previous)}</div></body></html>";
            }
            else
            {
                body = previous is null
                    ? own
                    : $"{own}\n\nOn {attribution} {(ours ? "Dana Whitfield <dana.whitfield@northwind-traders.com>" : "Alex Morgan <alex.morgan@ghostassist.example>")} wrote:\n\n{Quote(previous)}";
            }

            thread.Add(new GraphMessage
            {
                Id = $"msg-{i}",
                ConversationId = "bench",
                Subject = "Re: Rollout plan",
                From = from,
                ToRecipients = [to],
                SentDateTime = when,
                Body = new GraphItemBody { ContentType = format, Content = body },
            });
            previous = body;
        }

        return thread;
    }

    private static string NewText(int i, bool ours) => ours
        ? $"Hi Dana,\n\nThanks for the update on step {i}. I've attached the revised rollout plan and pricing for the {i % 7 + 2} regional teams. Could you confirm the pilot scope by Friday so we can book the kick-off for next Tuesday? If we miss that, the January start slips to February.\n\nBest,\nAlex\n\nAlex Morgan\nAccount Executive | GhostAssist\n+1 555 0100"
        : $"Hi Alex,\n\nThanks, we reviewed version {i}. The team likes the approach and we want to decide by the end of the month so we have time to migrate. I'll check with our CIO on the budget and come back to you.\n\nThanks,\nDana\n\nDana Whitfield\nVP Operations | Northwind Traders";

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + text.Length / 8);
        foreach (var line in text.Split('\n'))
        {
            builder.Append(line.StartsWith('>') ? ">" : "> ").Append(line).Append('\n');
        }

        return builder.ToString();
    }

    private static string Inner(string html)
    {
        var start = html.IndexOf("<body>", StringComparison.Ordinal) + 6;
        var end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        return html[start..end];
    }
}

/// <summary>A short job (a few minutes for the whole suite) with input size and throughput columns.</summary>
public sealed class AnalysisBenchmarkConfig : ManualConfig
{
    public AnalysisBenchmarkConfig()
    {
        // Tiered JIT would leave Analyze (one call per 200-message thread) in unoptimised tier-0 code for most of a
        // short run, measuring the JIT rather than the code: a long-running API only ever runs the optimised code.
        AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1)
            .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "0")));
        AddColumn(new InputSizeColumn("AnalysisInputMB", Bytes), new ThroughputColumn("AnalysisMBps", Bytes));
    }

    private static long Bytes(BenchmarkCase benchmarkCase) => AnalysisThreads.InputBytes(
        (int)benchmarkCase.Parameters["Messages"], (string)benchmarkCase.Parameters["Format"]);
}
