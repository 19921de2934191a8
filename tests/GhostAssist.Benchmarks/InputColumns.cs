using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GhostAssist.Benchmarks;

/// <summary>
/// A column computed from how many input bytes a benchmark case reads: its size, its throughput, or a figure
/// built on them. Each benchmark says how to count its case's bytes.
/// </summary>
internal abstract class InputColumn(string id, string name, Func<BenchmarkCase, long> bytes) : IColumn
{
    public string Id => id;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => ColumnName;
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public abstract string GetValue(Summary summary, BenchmarkCase benchmarkCase);

    protected double Megabytes(BenchmarkCase benchmarkCase) => bytes(benchmarkCase) / 1_000_000.0;

    /// <summary>Seconds per megabyte, or null before the case has run.</summary>
    protected double? SecondsPerMb(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is null or 0 ? null : mean.Value / 1e9 / Megabytes(benchmarkCase);
    }
}

/// <summary>"Input MB": the case's input size.</summary>
internal sealed class InputSizeColumn(string id, Func<BenchmarkCase, long> bytes) : InputColumn(id, "Input MB", bytes)
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        Megabytes(benchmarkCase).ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>"MB/s": input bytes over the mean time.</summary>
internal sealed class ThroughputColumn(string id, Func<BenchmarkCase, long> bytes) : InputColumn(id, "MB/s", bytes)
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        SecondsPerMb(summary, benchmarkCase) is { } seconds ? (1 / seconds).ToString("0", CultureInfo.InvariantCulture) : "-";
}
