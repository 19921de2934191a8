using System.Globalization;
using System.Text.Json;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GhostAssist.Loopback;

// A runnable Entra ID and Microsoft Graph on loopback, for scripts/scale.sh: the tests' own fakes
// (FakeMicrosoft, FakeGraphMail, FakeGraphCalendar) in one HTTPS process. Entra ID publishes its
// OpenID metadata and JWKS and answers the v2.0 token endpoint's on-behalf-of grant; Graph serves a
// copy of the demo mailbox and a calendar to every user. Two routes outside Entra's and Graph's
// paths serve the load driver: user access tokens (as the pane would get them) and what was issued.
// Loopback only, and bounded: it stops by itself after --seconds.
//
// Usage: GhostAssist.Loopback --ready-file PATH --certificate PATH [--seconds 600]
internal static class Program
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static async Task Main(string[] args)
    {
        var options = Arguments(args);
        var readyFile = options.GetValueOrDefault("ready-file") ?? throw new ArgumentException("--ready-file PATH is required.");
        var certificateFile = options.GetValueOrDefault("certificate") ?? throw new ArgumentException("--certificate PATH is required.");
        var seconds = int.Parse(options.GetValueOrDefault("seconds") ?? "600", CultureInfo.InvariantCulture);

        var mail = new FakeGraphMail(FakeMicrosoft.UserId, DemoMailbox.Me, "customer@ghostassist.example", "");
        foreach (var thread in await new DemoMailbox(TimeProvider.System).GetRecentThreadsAsync(CancellationToken.None))
        {
            mail.PutConversation(thread.ConversationId, thread.Messages.Select(GraphJson));
        }

        var calendar = new FakeGraphCalendar(teams: true);
        FakeMicrosoft? microsoft = null;
        microsoft = await FakeMicrosoft.StartAsync(routes =>
        {
            var graph = routes.MapGroup("/v1.0");
            mail.Map(graph);
            calendar.Map(graph);

            // The pane's access token for user n, as Entra ID would issue it (same signing key, issuer, audience and scope).
            routes.MapPost("/loopback/users/{n:int}/token", (int n) => n is < 1 or > 1000
                ? Results.BadRequest()
                : Results.Json(new { access_token = microsoft!.MintToken(roles: ["TeamLead"], userId: UserId(n)), user = UserId(n) }));
            routes.MapGet("/loopback/stats", () =>
            {
                var users = microsoft!.OboUsers;
                int events, replays;
                lock (calendar.Events)
                {
                    events = calendar.Events.Count;
                    replays = calendar.TransactionReplays;
                }

                return Results.Json(new
                {
                    oboTokens = users.Count,
                    oboUsers = users.Distinct(StringComparer.Ordinal).Count(),
                    oboPerUserMax = users.Count == 0 ? 0 : users.GroupBy(u => u, StringComparer.Ordinal).Max(g => g.Count()),
                    tokenRequests = microsoft.TokenRequests.Count,
                    graphRequests = microsoft.GraphRequests.Count,
                    events,
                    transactionReplays = replays,
                });
            });
        });

        await File.WriteAllTextAsync(certificateFile, microsoft.Certificate.ExportCertificatePem() + "\n");
        await File.WriteAllTextAsync(readyFile + ".tmp", JsonSerializer.Serialize(new
        {
            instance = microsoft.Instance,
            tenantId = FakeMicrosoft.TenantId,
            clientId = FakeMicrosoft.ClientId,
            clientSecret = FakeMicrosoft.ClientSecret,
            graphBaseUrl = microsoft.GraphBaseUrl,
        }));
        File.Move(readyFile + ".tmp", readyFile, overwrite: true);
        Console.WriteLine($"loopback Entra ID and Graph on {microsoft.Instance} for {seconds} s");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await microsoft.DisposeAsync();
    }

    // Users 1..n: fixed object ids, so a run's figures can be read per user.
    private static string UserId(int n) => $"5ca1e000-0000-4000-8000-{n:D12}";

    // A demo message as Graph writes it: camelCase, no nulls.
    private static Dictionary<string, object?> GraphJson(GraphMessage message) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.SerializeToUtf8Bytes(message, Web))!;

    private static Dictionary<string, string> Arguments(string[] args)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            found[args[i].TrimStart('-')] = args[i + 1];
        }

        return found;
    }
}
