using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GhostAssist.Api.Infrastructure;

/// <summary>
/// GhostAssist's own spans and metrics (one ActivitySource and one Meter any feature can call), and
/// the OpenTelemetry wiring: traces of requests, outgoing HTTP (Entra ID, Graph, the model) and the
/// database; request duration from ASP.NET Core; an OTLP exporter only when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set. Tags are ids, kinds, providers and counts only, never a body,
/// address, name or token (a test sends canaries through every endpoint and searches the export).
/// </summary>
public static class Telemetry
{
    public const string Name = "GhostAssist";

    public static readonly ActivitySource Source = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString());

    public static readonly Meter Meter = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString());

    private static readonly Histogram<double> AnalysisDuration = Meter.CreateHistogram<double>(
        "ghostassist.analysis.duration", "s", "Time to analyse one thread (reply extraction, signals, risk, plays).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    private static readonly Histogram<double> DraftDuration = Meter.CreateHistogram<double>(
        "ghostassist.draft.duration", "s", "Time to draft one follow-up (thread read, plan, compose, coach, save).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    private static readonly Counter<long> Drafts = Meter.CreateCounter<long>(
        "ghostassist.drafts", "{draft}", "Drafts written, by play and by the provider that wrote them.");

    private static readonly Counter<long> ModelFallbacks = Meter.CreateCounter<long>(
        "ghostassist.model.fallbacks", "{fallback}", "Drafts the model did not write, so the built-in composer did.");

    private static readonly Counter<long> GraphThrottled = Meter.CreateCounter<long>(
        "ghostassist.graph.throttled_responses", "{response}",
        "Microsoft Graph answers of 429/503/504 (each is retried after Retry-After while retries and the wait limit allow).");

    private static readonly Counter<long> SharedCacheFailures = Meter.CreateCounter<long>(
        "ghostassist.shared_cache.failures", "{failure}",
        "Shared cache (Redis) operations that failed, by what was cached: the API went on from memory (tokens) or from Graph (invites). Above zero means Redis is unreachable.");

    /// <summary>A span of GhostAssist's own work (null when nobody listens).</summary>
    public static Activity? Start(string name) => Source.StartActivity(name);

    public static void RecordAnalysis(TimeSpan elapsed, int messages)
    {
        AnalysisDuration.Record(elapsed.TotalSeconds);
        Activity.Current?.SetTag("ghostassist.analysis.messages", messages);
    }

    public static void RecordDraft(TimeSpan elapsed, string play, string provider)
    {
        var tags = new TagList { { "ghostassist.play", play }, { "ghostassist.provider", provider } };
        DraftDuration.Record(elapsed.TotalSeconds, tags);
        Drafts.Add(1, tags);
    }

    public static void RecordModelFallback(string play) => ModelFallbacks.Add(1, new KeyValuePair<string, object?>("ghostassist.play", play));

    public static void RecordGraphThrottled(int status) => GraphThrottled.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status));

    /// <summary>A shared cache (Redis) operation failed; <paramref name="cache"/> says which ("tokens", "invites").</summary>
    public static void RecordSharedCacheFailure(string cache) => SharedCacheFailures.Add(1, new KeyValuePair<string, object?>("ghostassist.cache", cache));

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        // JSON console logs (one object a line) for log collectors that parse them.
        if (builder.Configuration.GetValue<bool>("Telemetry:JsonConsole"))
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = false;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? "ghostassist-api"))
            .WithTracing(tracing => tracing
                .AddSource(Name)
                // Query strings are redacted by both instrumentations; nothing else about a request
                // (headers, bodies) is recorded.
                .AddAspNetCoreInstrumentation(aspnet =>
                {
                    aspnet.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                    // A path can carry whatever a caller typed into it: the route template stands in
                    // for it (the ids stay out), and a path no route matched is not recorded.
                    aspnet.EnrichWithHttpResponse = (activity, response) =>
                        activity.SetTag("url.path", (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
                })
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        builder.Logging.AddOpenTelemetry(logging =>
        {
            // Formatted messages only: the templates' arguments are already ids and counts.
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = false;
        });

        if (otlp)
        {
            // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* variables.
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
