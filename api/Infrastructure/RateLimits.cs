using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace GhostAssist.Api.Infrastructure;

public sealed class RateLimitingOptions
{
    public int PermitLimit { get; set; } = 300;
    public int WindowSeconds { get; set; } = 60;
}

public static class RateLimits
{
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("RateLimiting");
        builder.Services.Configure<RateLimitingOptions>(section);
        var settings = section.Get<RateLimitingOptions>() ?? new RateLimitingOptions();

        builder.Services.AddRateLimiter(options =>
        {
            // Per signed-in user (tenant + object id), else per client address: one busy user
            // cannot starve the rest of a tenant, and an anonymous caller cannot starve anyone.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => new FixedWindowRateLimiterOptions
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

    private static string PartitionKey(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var tenant = user.FindFirstValue("tid") ?? "";
            var oid = user.FindFirstValue("oid") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            return $"user:{tenant}:{oid}";
        }

        return $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "local"}";
    }
}
