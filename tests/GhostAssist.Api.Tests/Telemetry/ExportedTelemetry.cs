using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GhostAssist.Api.Tests.Telemetry;

/// <summary>
/// Everything the API exports through OpenTelemetry (spans, metrics, log records), caught by
/// in-memory exporters added to the API's own providers and flattened to text for leak searches.
/// </summary>
public sealed class ExportedTelemetry
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly ConcurrentQueue<string> _logs = new();

    public void AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
        // Log records are pooled after export, so they are flattened as they are exported.
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new SimpleLogRecordExportProcessor(new LogFlattener(_logs))));
    }

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return _spans.ToList();
            }
        }
    }

    public IReadOnlyList<MetricSnapshot> Metrics(IServiceProvider services)
    {
        services.GetRequiredService<MeterProvider>().ForceFlush();
        lock (_metrics)
        {
            return _metrics.ToList();
        }
    }

    public IReadOnlyCollection<string> Logs => _logs.ToArray();

    /// <summary>Every name, attribute, event, status and message exported, one item a line.</summary>
    public string AllText(IServiceProvider services)
    {
        var text = new StringBuilder();
        foreach (var span in Spans)
        {
            text.AppendLine($"span {span.DisplayName} {span.OperationName} {span.Source.Name} {span.StatusDescription}");
            foreach (var tag in span.TagObjects)
            {
                text.AppendLine($"  {tag.Key}={tag.Value}");
            }

            foreach (var item in span.Baggage)
            {
                text.AppendLine($"  baggage {item.Key}={item.Value}");
            }

            foreach (var spanEvent in span.Events)
            {
                text.AppendLine($"  event {spanEvent.Name}");
                foreach (var tag in spanEvent.Tags)
                {
                    text.AppendLine($"    {tag.Key}={tag.Value}");
                }
            }
        }

        foreach (var metric in Metrics(services))
        {
            text.AppendLine($"metric {metric.Name} {metric.Description} {metric.Unit}");
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    text.AppendLine($"  {tag.Key}={tag.Value}");
                }
            }
        }

        foreach (var log in Logs)
        {
            text.AppendLine(log);
        }

        return text.ToString();
    }

    private sealed class LogFlattener(ConcurrentQueue<string> lines) : BaseExporter<LogRecord>
    {
        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            foreach (var record in batch)
            {
                var line = new StringBuilder($"log {record.LogLevel} {record.CategoryName} {record.EventId} {record.FormattedMessage} {record.Body} {record.Exception}");
                foreach (var attribute in record.Attributes ?? [])
                {
                    line.Append($" {attribute.Key}={attribute.Value}");
                }

                lines.Enqueue(line.ToString());
            }

            return ExportResult.Success;
        }
    }
}
