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

    public static WebApplicationBuilder AddRedis(this WebApplicationBuilder builder, string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Start even when Redis is down (the token cache then falls back to Entra ID, /health/ready says so).
        options.AbortOnConnectFail = false;
        var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton(_ => connection.Value);
        builder.Services.AddStackExchangeRedisCache(cache =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Value);
            cache.InstanceName = KeyPrefix;
        });

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
