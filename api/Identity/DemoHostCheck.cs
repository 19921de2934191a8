using System.Net;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Identity;

/// <summary>
/// Demo mode signs every caller in as the demo user, and listening on loopback alone does not stop a
/// web page from reaching it: a DNS-rebinding page resolves its own name to 127.0.0.1 and calls the
/// API from the user's browser with its own Host header. Only loopback names are served in demo mode.
/// </summary>
internal sealed class DemoHostCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsLoopbackHost(context.Request.Host.Host))
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request is not valid",
                "This GhostAssist runs in demo mode and answers only requests addressed to localhost, 127.0.0.1 or [::1]; open it as http://localhost:<port>.");
            return;
        }

        await next(context);
    }

    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        var name = host.TrimEnd('.');
        if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var bare = name.StartsWith('[') && name.EndsWith(']') ? name[1..^1] : name;
        return IPAddress.TryParse(bare, out var ip) && IPAddress.IsLoopback(ip);
    }
}
