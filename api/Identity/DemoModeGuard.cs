using System.Net;

namespace GhostAssist.Api.Identity;

/// <summary>
/// Demo mode signs every caller in as the demo user, so it must never be reachable from a network:
/// the API refuses to start in demo mode when any configured address is not loopback.
/// </summary>
public static class DemoModeGuard
{
    /// <summary>The configured listen addresses that are not loopback (empty when all are safe).</summary>
    public static IReadOnlyList<string> NonLoopbackAddresses(IConfiguration configuration)
    {
        var addresses = new List<string>();
        foreach (var key in new[] { "urls", "ASPNETCORE_URLS" })
        {
            addresses.AddRange(Split(configuration[key]));
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            addresses.AddRange(Split(endpoint["Url"]));
        }

        var unsafeAddresses = addresses.Where(a => !IsLoopbackUrl(a)).ToList();

        // http_ports / https_ports bind every interface by definition.
        foreach (var key in new[] { "http_ports", "https_ports", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            if (!string.IsNullOrWhiteSpace(configuration[key]))
            {
                unsafeAddresses.Add($"{key}={configuration[key]} (all interfaces)");
            }
        }

        return unsafeAddresses;
    }

    public static bool IsLoopbackUrl(string url)
    {
        // Kestrel reads "*", "+" and any host it cannot parse as an IP (other than localhost) as "all interfaces".
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd >= 0 ? url[(schemeEnd + 3)..] : url;
        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest[..slash] : rest;
        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            host = close > 0 ? authority[1..close] : authority;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    public static void EnsureLoopbackOnly(IConfiguration configuration)
    {
        var offending = NonLoopbackAddresses(configuration);
        if (offending.Count > 0)
        {
            throw new InvalidOperationException(
                "GhostAssist is in demo mode (AzureAd:ClientId is not set), where every caller is signed in as the demo user, " +
                $"so it only listens on loopback (localhost, 127.0.0.1, ::1). These addresses are not loopback: {string.Join(", ", offending)}. " +
                "Configure the AzureAd section for Entra ID sign-in, or listen on localhost only.");
        }
    }

    private static IEnumerable<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
