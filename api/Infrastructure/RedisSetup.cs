using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace GhostAssist.Api.Infrastructure;

/// <summary>
/// Redis, when configured, is what several API instances share besides the database: the
/// on-behalf-of token cache (as IDistributedCache) and the data protection keys that encrypt it.
/// </summary>
public static class RedisSetup
{
    /// <summary>Prefix of every key the API writes, so a Redis shared with other apps stays readable.</summary>
    public const string KeyPrefix = "ghostassist:";

    /// <summary>Redis:Configuration, or ConnectionStrings:Redis; null when neither is set.</summary>
    public static string? Configuration(IConfiguration configuration)
    {
        var value = configuration["Redis:Configuration"];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration.GetConnectionString("Redis");
        }

        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Nothing without Redis:Configuration; with it, the shared cache, data protection keys and a readiness check.</summary>
    public static WebApplicationBuilder AddRedis(this WebApplicationBuilder builder)
    {
        var configuration = Configuration(builder.Configuration);
        if (configuration is null)
        {
            return builder;
        }

        var options = ConfigurationOptions.Parse(configuration);
        // Start even when Redis is down (the token cache then falls back to Entra ID, /health/ready says so).
        options.AbortOnConnectFail = false;
        // While Redis is down a command fails at once instead of waiting (up to the timeout) for a
        // reconnect: every user request reads the token cache, and memory can answer it.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton(_ => connection.Value);
        builder.Services.AddStackExchangeRedisCache(cache =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Value);
            cache.InstanceName = KeyPrefix;
        });

        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");

        // The token cache is encrypted with these keys: every instance must hold the same ones.
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("GhostAssist")
            .PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), KeyPrefix + "data-protection-keys");
        var certificatePath = builder.Configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            // Keys at rest in Redis are then encrypted too, with a certificate Redis never sees.
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
        }

        return builder;
    }
}

/// <summary>Ready only when Redis answers a PING: without it every instance asks Entra ID for every token.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The type only: a Redis message can carry the server address.
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy($"Redis did not answer ({ex.GetType().Name}).");
        }
    }
}
