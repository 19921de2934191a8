using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Net.Http.Headers;

namespace GhostAssist.Api.Infrastructure;

public static partial class Pipeline
{
    [System.Text.RegularExpressions.GeneratedRegex(@"-[A-Za-z0-9_-]{8}\.[a-z0-9]+$", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex FingerprintedName();

    public static WebApplication UsePipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (ServiceSources.From(app.Configuration).IsDemo)
        {
            app.UseMiddleware<GhostAssist.Api.Identity.DemoHostCheck>();
        }

        app.UseMiddleware<RequestBodyLimit>();
        app.UseOpenApiDocs();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // Vite fingerprints bundles as name-<8 char hash>.ext; the rest (index.html, the
                // manifest's icons) keep their names across releases, so they must revalidate.
                var hashed = context.Context.Request.Path.StartsWithSegments("/assets")
                    && FingerprintedName().IsMatch(context.File.Name);
                context.Context.Response.Headers[HeaderNames.CacheControl] = hashed ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// /health/live: the process answers (no dependency is asked, so an orchestrator restarts only a
    /// stuck process). /health/ready: every registered check (the template store, Redis when
    /// configured) passes, so a load balancer sends traffic. /health: the same as ready, as before.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", HealthOptions(_ => true)).DisableRateLimiting().AllowAnonymous();
        app.MapHealthChecks("/health/ready", HealthOptions(_ => true)).DisableRateLimiting().AllowAnonymous();
        app.MapHealthChecks("/health/live", HealthOptions(_ => false)).DisableRateLimiting().AllowAnonymous();
        return app;
    }

    private static HealthCheckOptions HealthOptions(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = async (context, report) =>
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new
            {
                status = report.Status.ToString().ToLowerInvariant(),
                checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant()),
            });
        },
    };

    /// <summary>The task pane's built files (addin/ → api/wwwroot) from the same origin as the API.</summary>
    public static WebApplication MapPane(this WebApplication app)
    {
        // Only page paths fall back to the pane: an unknown or refused API path keeps its status
        // (404, 405, 415), which the status code pages turn into a problem.
        var noCache = new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        };
        // A constrained catch-all never matches an empty path, so the root needs its own fallback;
        // nonfile leaves /assets/* to the static files (a matched endpoint would pre-empt them).
        app.MapFallbackToFile("/", "index.html", noCache);
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api/|swagger/|health(/|$)).*$)}", "index.html", noCache);
        return app;
    }
}
