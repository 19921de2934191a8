using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GhostAssist.Api.Infrastructure;

public sealed class HostingOptions
{
    public int HttpPort { get; set; } = 5080;
    public int HttpsPort { get; set; } = 3000;
}

public sealed class LimitsOptions
{
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;
}

public static class HostingSetup
{
    // The ASP.NET Core HTTPS development certificate carries this extension (dotnet dev-certs https).
    private const string DevCertOid = "1.3.6.1.4.1.311.84.1.1";

    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostingOptions>(builder.Configuration.GetSection("Hosting"));
        builder.Services.Configure<LimitsOptions>(builder.Configuration.GetSection("Limits"));
        var hosting = builder.Configuration.GetSection("Hosting").Get<HostingOptions>() ?? new HostingOptions();
        var limits = builder.Configuration.GetSection("Limits").Get<LimitsOptions>() ?? new LimitsOptions();

        builder.Services.AddHealthChecks();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        });

        // Explicit --urls / ASPNETCORE_URLS / Kestrel:Endpoints win; otherwise the documented defaults:
        // http://localhost:5080 always, https://localhost:3000 (where manifest.xml points Outlook)
        // only when a development certificate exists, so a fresh machine still starts.
        if (!HasExplicitEndpoints(builder.Configuration))
        {
            var devCert = FindDevelopmentCertificate();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.ListenLocalhost(hosting.HttpPort);
                if (devCert is not null)
                {
                    kestrel.ListenLocalhost(hosting.HttpsPort, listen =>
                    {
                        listen.Protocols = HttpProtocols.Http1AndHttp2;
                        listen.UseHttps(devCert);
                    });
                }
            });
        }

        return builder;
    }

    private static bool HasExplicitEndpoints(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["ASPNETCORE_URLS"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    private static X509Certificate2? FindDevelopmentCertificate()
    {
        try
        {
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadOnly);
            var now = DateTime.Now;
            return store.Certificates
                .Where(c => c.HasPrivateKey && c.NotBefore <= now && c.NotAfter > now)
                .Where(c => c.Extensions.Any(e => e.Oid?.Value == DevCertOid))
                .OrderByDescending(c => c.NotAfter)
                .FirstOrDefault();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
