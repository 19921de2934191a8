using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Infrastructure;

public sealed class RateLimitingOptions
{
    public int PermitLimit { get; set; } = 300;
    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// Mail text each caller may have analysed per window (bodies read, posted or from the mailbox):
    /// one request can carry 8 MiB of HTML, so counting requests alone lets a few of them hold a core.
    /// </summary>
    public long AnalysedBytesPerWindow { get; set; } = 64L * 1024 * 1024;
}

public static class RateLimits
{
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("RateLimiting");
        builder.Services.Configure<RateLimitingOptions>(section);
        var settings = section.Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        var demo = ServiceSources.From(builder.Configuration).IsDemo;

        // Behind a reverse proxy on this machine (nginx in scripts/scale.sh) the caller is the
        // forwarded address; only loopback proxies are believed (the framework's default).
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AnalysisCost>();

        builder.Services.AddRateLimiter(options =>
        {
            // Per signed-in user (tenant + object id), else per client address: one busy user
            // cannot starve the rest of a tenant, and an anonymous caller cannot starve anyone.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context, demo), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.PermitLimit,
                    Window = TimeSpan.FromSeconds(settings.WindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));

            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : settings.WindowSeconds;
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This client sent more than {settings.PermitLimit} requests in {settings.WindowSeconds} seconds. Retry after {retryAfter} seconds.",
                    new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfter });
            };
        });
        return builder;
    }

    /// <summary>
    /// The caller a limit counts against. In demo mode every caller is signed in as the same demo
    /// user, so the user would be one bucket for everybody: there the client address decides.
    /// </summary>
    internal static string PartitionKey(HttpContext context, bool demo)
    {
        var user = context.User;
        if (!demo && user.Identity?.IsAuthenticated == true)
        {
            var tenant = user.FindFirstValue("tid") ?? "";
            var oid = user.FindFirstValue("oid") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            return $"user:{tenant}:{oid}";
        }

        return $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "local"}";
    }
}

/// <summary>
/// The cost side of rate limiting: every analysis is charged the bytes of mail text it reads, per
/// caller and window, so a few huge threads are limited like many small ones.
/// </summary>
public sealed class AnalysisCost : IDisposable
{
    private const int BytesPerPermit = 1024;
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly RateLimitingOptions _options;
    private readonly IHttpContextAccessor _http;
    private readonly bool _demo;

    public AnalysisCost(IOptions<RateLimitingOptions> options, IHttpContextAccessor http, IConfiguration configuration)
    {
        _options = options.Value;
        _http = http;
        _demo = ServiceSources.From(configuration).IsDemo;
        var permits = (int)Math.Clamp(_options.AnalysedBytesPerWindow / BytesPerPermit, 1, int.MaxValue);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromSeconds(_options.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Charges the current caller for analysing this many bytes; over the budget is a 429 with Retry-After.</summary>
    public void Charge(long bytes)
    {
        if (_http.HttpContext is not { } context || bytes <= 0)
        {
            return;
        }

        var permits = (int)Math.Min(int.MaxValue, (bytes + BytesPerPermit - 1) / BytesPerPermit);
        var budget = _options.AnalysedBytesPerWindow;
        if (bytes > budget)
        {
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "The thread is too large to analyse",
                $"The thread holds {bytes:N0} bytes of mail text; at most {budget:N0} bytes are analysed per caller every {_options.WindowSeconds} seconds. Send fewer or shorter messages.",
                new Dictionary<string, object?> { ["limitBytes"] = budget });
        }

        using var lease = _limiter.AttemptAcquire(RateLimits.PartitionKey(context, _demo), permits);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                : _options.WindowSeconds;
            throw new ApiProblemException(StatusCodes.Status429TooManyRequests, "Too much to analyse",
                $"This client had more than {budget:N0} bytes of mail text analysed in {_options.WindowSeconds} seconds. Retry after {retryAfter} seconds.",
                new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfter, ["limitBytes"] = budget });
        }
    }

    /// <summary>
    /// Charges the caller of the request in flight, wherever the analysis runs (posted threads,
    /// mailbox threads, drafts, invites, template renders); outside a request nothing is charged.
    /// </summary>
    public static void ChargeCurrent(IReadOnlyList<GhostAssist.Api.Mail.GraphMessage?> messages)
    {
        var context = new HttpContextAccessor().HttpContext;
        context?.RequestServices.GetService<AnalysisCost>()?.Charge(Bytes(messages));
    }

    /// <summary>The mail text an analysis reads: bodies, unique bodies and previews, counted as UTF-16 bytes.</summary>
    public static long Bytes(IReadOnlyList<GhostAssist.Api.Mail.GraphMessage?> messages)
    {
        long chars = 0;
        foreach (var message in messages)
        {
            if (message is null)
            {
                continue;
            }

            chars += (message.Body?.Content?.Length ?? 0) + (message.UniqueBody?.Content?.Length ?? 0) + (message.BodyPreview?.Length ?? 0);
        }

        return chars * sizeof(char);
    }

    public void Dispose() => _limiter.Dispose();
}
