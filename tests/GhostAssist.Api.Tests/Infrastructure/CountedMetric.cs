using System.Diagnostics.Metrics;

namespace GhostAssist.Api.Tests.Infrastructure;

/// <summary>
/// Adds up what GhostAssist's meter records on one counter with one tag value, while it lives. The meter
/// is process-wide, so a test reads a tag value no other test produces at the same time.
/// </summary>
public sealed class CountedMetric : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public CountedMetric(string instrument, string tag, string value)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == "GhostAssist" && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var pair in tags)
            {
                if (pair.Key == tag && Equals(pair.Value, value))
                {
                    Interlocked.Add(ref _total, measurement);
                }
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
