using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GhostAssist.Api.Analysis;

namespace GhostAssist.Benchmarks;

/// <summary>
/// Reply extraction of one body at the API's size limit (text: 256 K characters; HTML: 1 MiB), normal mail
/// beside inputs built to be slow (unbalanced and deeply nested tags, runs of "&gt;", spaces and dashes,
/// endless attribution and header fragments). "× normal" is the time per byte against normal mail of the
/// same format; no input may cost more than about 3×. Run with --filter *ExtractionBenchmarks*.
/// </summary>
[Config(typeof(ExtractionBenchmarkConfig))]
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private string _body = "";
    private bool _isHtml;
    private int _limit;

    [ParamsSource(nameof(Names))]
    public string Input { get; set; } = "";

    public static IEnumerable<string> Names => ExtractionInputs.All.Keys;

    [GlobalSetup]
    public void Setup()
    {
        (_body, _isHtml) = ExtractionInputs.All[Input];
        var options = new AnalysisOptions();
        _limit = _isHtml ? options.MaxBodyChars * 4 : options.MaxBodyChars;
    }

    [Benchmark]
    public int Extract() => ReplyExtractor.Extract(_body, _isHtml, _limit).NewText.Length;
}

internal static class ExtractionInputs
{
    private const int Text = 256 * 1024;
    private const int Html = 1024 * 1024;

    private const string Prose =
        "Hi Alex,\n\nThanks for sending the revised rollout plan. The regional teams went\nthrough it yesterday and the pilot scope looks right to us: 120 seats in\nthe first wave, the rest in January. Could you send the updated pricing\nby Friday, so that finance can sign off before the holidays? If we miss\nthat, the January start slips to February.\n\nI have also copied Priya, who runs procurement, on this thread.\n\nBest,\nDana\n\nDana Whitfield\nVP Operations | Northwind Traders\n+1 555 0100\n\n";

    private const string ProseHtml =
        "<div class=\"WordSection1\"><p class=\"MsoNormal\"><span style=\"font-size:11.0pt\">Thanks for sending the revised rollout plan. The regional teams went through it yesterday and the pilot scope looks right to us: 120 seats in the first wave, the rest in January.</span></p>"
        + "<p class=\"MsoNormal\"><span>Could you send the updated pricing by <b>Friday</b>, so that finance can sign off before the holidays?</span></p><table><tr><td>Seats</td><td>120</td></tr><tr><td>Start</td><td>January</td></tr></table>"
        + "<ul><li>Pilot scope</li><li>Pricing</li></ul><p class=\"MsoNormal\">Best,<br>Dana</p></div>\n";

    /// <summary>Every input, by name; the body fills the API's limit for its format.</summary>
    public static readonly IReadOnlyDictionary<string, (string Body, bool IsHtml)> All = new Dictionary<string, (string, bool)>
    {
        ["text: normal mail"] = (Repeat(Prose, Text), false),
        ["text: one line of >"] = (Repeat(">", Text), false),
        ["text: lines of >"] = (Repeat(">>>>>>>>>>>>\n", Text), false),
        ["text: > and answer"] = (Repeat("> Can you confirm?\nYes.\n", Text), false),
        ["text: spaces"] = (Repeat(" ", Text), false),
        ["text: lines of spaces"] = (Repeat("                                        \n", Text), false),
        ["text: dashes"] = (Repeat("-", Text), false),
        ["text: lines of dashes"] = (Repeat("----------------------------------------\n", Text), false),
        ["text: dashed titles"] = (Repeat("----- Agenda item -----\n", Text), false),
        ["text: attribution fragments"] = (Repeat("On Mon, Nov 3, 2025 at 10:00 AM Dana Whitfield <dana@northwind.example>\n", Text), false),
        ["text: dated colon lines"] = (Repeat("Meeting at 10:00 on 3 Nov 2025:\n", Text), false),
        ["text: wrote without quote"] = (Repeat("On Monday our CFO wrote:\n", Text), false),
        ["text: From lines"] = (Repeat("From: Dana\n", Text), false),
        ["text: Cc lines"] = (Repeat("Cc: dana@northwind.example, pat@northwind.example,\n", Text), false),
        ["text: Lotus date lines"] = (Repeat("Dana Whitfield\n07/26/2000 05:20 PM\n", Text), false),
        ["text: label lines"] = (Repeat("Venue: Room 4\n", Text), false),
        ["html: normal mail"] = ("<html><body>" + Repeat(ProseHtml, Html - 40) + "</body></html>", true),
        ["html: <ol> then </ul>"] = (Repeat("<ol>", Html / 2) + Repeat("</ul>", Html / 2), true),
        ["html: 100k-deep div"] = (Repeat("<div>", Html / 2) + "text" + Repeat("</div>", Html / 2), true),
        ["html: 100k-deep blockquote"] = (Repeat("<blockquote>", Html / 2) + "text" + Repeat("</blockquote>", Html / 2), true),
        ["html: unclosed quoted attribute"] = (Repeat("<a href=\"x", Html), true),
        ["html: lone <"] = (Repeat("<", Html), true),
        ["html: hr in every div"] = (Repeat("<div>ab<hr>", Html), true),
        ["html: broken entities"] = (Repeat("&amp", Html), true),
        ["html: br runs"] = (Repeat("<br>", Html), true),
    };

    public static long Bytes(string input) => Encoding.UTF8.GetByteCount(All[input].Body);

    private static string Repeat(string unit, int length)
    {
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString(0, length);
    }
}

/// <summary>A short job with the input size, throughput and the cost per byte against normal mail of the same format.</summary>
public sealed class ExtractionBenchmarkConfig : ManualConfig
{
    public ExtractionBenchmarkConfig()
    {
        // In process: a 2-core machine shared with builds cannot always build a separate benchmark exe within
        // BenchmarkDotNet's build timeout, and the warmup brings the extractor to optimised code anyway.
        AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(new InputSizeColumn("ExtractionInputMB", Bytes), new ThroughputColumn("ExtractionMBps", Bytes), new RatioToNormalColumn());
    }

    private static string Input(BenchmarkCase benchmarkCase) => (string)benchmarkCase.Parameters["Input"];

    private static long Bytes(BenchmarkCase benchmarkCase) => ExtractionInputs.Bytes(Input(benchmarkCase));

    private sealed class RatioToNormalColumn() : InputColumn("ExtractionRatio", "× normal", Bytes)
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var format = Input(benchmarkCase).Split(':')[0];
            var normal = summary.BenchmarksCases.FirstOrDefault(c => Input(c) == $"{format}: normal mail");
            return normal is not null && SecondsPerMb(summary, benchmarkCase) is { } own && SecondsPerMb(summary, normal) is { } baseline
                ? (own / baseline).ToString("0.00", CultureInfo.InvariantCulture)
                : "-";
        }
    }
}

/// <summary>
/// The same inputs timed by processor time rather than wall-clock time (`-- --extraction-cpu`): on a
/// shared machine a process waiting for a core inflates BenchmarkDotNet's wall-clock figures at random,
/// while the processor time it spent is what an input costs. Each input runs for at least a second.
/// </summary>
internal static class ExtractionCpuTimes
{
    public static void Run()
    {
        var limit = new AnalysisOptions().MaxBodyChars;
        var normal = new Dictionary<string, double>();
        Console.WriteLine("| input | MB | CPU ms | MB/s | × normal |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, (body, isHtml)) in ExtractionInputs.All.OrderBy(i => !i.Key.Contains("normal", StringComparison.Ordinal)))
        {
            var max = isHtml ? limit * 4 : limit;
            ReplyExtractor.Extract(body, isHtml, max);
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var runs = 0;
            while (clock.ElapsedMilliseconds < 1000 || runs < 5)
            {
                ReplyExtractor.Extract(body, isHtml, max);
                runs++;
            }

            process.Refresh();
            var ms = (process.TotalProcessorTime - cpu).TotalMilliseconds / runs;
            var mb = ExtractionInputs.Bytes(name) / 1_000_000.0;
            var format = name.Split(':')[0];
            if (name.EndsWith("normal mail", StringComparison.Ordinal))
            {
                normal[format] = ms / mb;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {mb:0.00} | {ms:0.00} | {mb / (ms / 1000):0} | {ms / mb / normal[format]:0.00} |"));
        }
    }
}
