using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Tests.Infrastructure;

/// <summary>A user the tests sign in as (see <see cref="GhostAssistFactory.CreateClientAs"/>).</summary>
public sealed record TestUser(string UserId, string TenantId, string Name = "Test User", string? Email = null, string[]? Roles = null, string[]? Groups = null)
{
    public static TestUser Lead(string tenant = "tenant-a", string id = "lead-1") => new(id, tenant, "Lena Lead", $"{id}@{tenant}.example", ["TeamLead"]);

    public static TestUser Member(string tenant = "tenant-a", string id = "member-1") => new(id, tenant, "Max Member", $"{id}@{tenant}.example");
}

/// <summary>
/// The one integration-test harness: the real Program on the test server, embedded defaults unless
/// a test passes settings, its own SQLite file, and captured logs for the "nothing sensitive" checks.
/// </summary>
public class GhostAssistFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "ghostassist-tests", Guid.NewGuid().ToString("N"));

    public GhostAssistFactory() : this(new Dictionary<string, string?>(), null)
    {
    }

    // Not public: xunit class fixtures need a single public constructor; derive or call With(...).
    protected GhostAssistFactory(IDictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _settings = new Dictionary<string, string?>(settings);
        _services = services;
        Directory.CreateDirectory(_dataDirectory);
        _settings.TryAdd("Templates:SqlitePath", Path.Combine(_dataDirectory, "templates.db"));
    }

    public CapturedLogs Logs { get; } = new();

    private static int _icsFilesRead;

    /// <summary>How many stored .ics invites disposed factories have read back (both readers), for the suite's own check.</summary>
    public static int IcsFilesRead => Volatile.Read(ref _icsFilesRead);

    /// <summary>When true, requests authenticate from X-Test-* headers (see <see cref="CreateClientAs"/>) instead of the demo user.</summary>
    public bool UseTestUsers { get; init; }

    public string DataDirectory => _dataDirectory;

    public GhostAssistFactory With(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var merged = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return new GhostAssistFactory(merged, services ?? _services) { UseTestUsers = UseTestUsers };
    }

    /// <summary>A factory with these settings (configuration keys as in appsettings.json) and service overrides.</summary>
    public static GhostAssistFactory Create(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null, bool useTestUsers = false) =>
        new(settings, services) { UseTestUsers = useTestUsers };

    /// <summary>
    /// Runs the API's own entry point with these settings as command-line arguments, as
    /// <c>dotnet GhostAssist.Api.dll --Key=value</c> would, and gives the exception it stopped with (null
    /// when it started instead; it then keeps running on a loopback port until the test process ends).
    /// A failure at start (an options check of ValidateOnStart) is not asserted through
    /// <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>: the factory runs Main on a thread
    /// of its own, and when that thread fails to start the app it disposes the app's services, sometimes
    /// before the factory asks them whether the app started. The factory then reports an
    /// ObjectDisposedException instead of the failure, which happened under load. Here the failure
    /// comes out of Main itself, on one thread, every time.
    /// </summary>
    public static Exception? StartupError(IDictionary<string, string?> settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "ghostassist-tests", Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?>
        {
            ["environment"] = "Testing",
            ["urls"] = "http://127.0.0.1:0",
            ["Templates:SqlitePath"] = Path.Combine(data, "templates.db"),
            ["Invites:Directory"] = Path.Combine(data, "invites"),
            ["Logging:LogLevel:Default"] = "None",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var args = all.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();
        var main = typeof(Program).Assembly.EntryPoint!;
        var run = Task.Factory.StartNew(() => main.Invoke(null, [args]), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // Not a timing assert: an app that starts never returns from Main, and this is how long the test waits to say so.
            run.Wait(TimeSpan.FromMinutes(1));
            return null;
        }
        catch (AggregateException e) when (e.InnerException is System.Reflection.TargetInvocationException { InnerException: { } error })
        {
            return error;
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Nothing was created when the app stopped before its stores; the temp folder is cleaned by the OS otherwise.
            }
        }
    }

    public HttpClient CreateClientAs(TestUser user)
    {
        if (!UseTestUsers)
        {
            throw new InvalidOperationException("Create the factory with UseTestUsers = true to sign in as a test user.");
        }

        var client = CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthenticationHandler.UserHeader, user.UserId);
        client.DefaultRequestHeaders.Add(TestAuthenticationHandler.TenantHeader, user.TenantId);
        client.DefaultRequestHeaders.Add(TestAuthenticationHandler.NameHeader, user.Name);
        if (user.Email is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthenticationHandler.EmailHeader, user.Email);
        }

        if (user.Roles is { Length: > 0 })
        {
            client.DefaultRequestHeaders.Add(TestAuthenticationHandler.RolesHeader, string.Join(',', user.Roles));
        }

        if (user.Groups is { Length: > 0 })
        {
            client.DefaultRequestHeaders.Add(TestAuthenticationHandler.GroupsHeader, string.Join(',', user.Groups));
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (UseTestUsers)
            {
                services.AddAuthentication(TestAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(options =>
                {
                    options.DefaultScheme = TestAuthenticationHandler.SchemeName;
                    options.DefaultAuthenticateScheme = TestAuthenticationHandler.SchemeName;
                    options.DefaultChallengeScheme = TestAuthenticationHandler.SchemeName;
                });
            }

            _services?.Invoke(services);
        });
    }

    private bool _hostCreated;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _hostCreated = true;
        return host;
    }

    // Sync Dispose goes through DisposeAsync too, so this is the one place that runs while the app's services exist.
    public override async ValueTask DisposeAsync()
    {
        // Every .ics invite the API wrote during the test (kept in the template store's database) is
        // read by both independent readers, while the app's services are still there to read them.
        if (_hostCreated)
        {
            _hostCreated = false;
            using var scope = Services.CreateScope();
            foreach (var text in scope.ServiceProvider.GetRequiredService<GhostAssist.Api.Invites.InvitesDb>().Invites.Select(i => i.Ics).ToList())
            {
                GhostAssist.Api.Tests.Invites.StrictIcsReader.ParseMeetingRequest(System.Text.Encoding.UTF8.GetBytes(text));
                Interlocked.Increment(ref _icsFilesRead);
            }
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>Authenticates from X-Test-* headers; a request without them is anonymous (401).</summary>
internal sealed class TestAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string TenantHeader = "X-Test-Tenant";
    public const string NameHeader = "X-Test-Name";
    public const string EmailHeader = "X-Test-Email";
    public const string RolesHeader = "X-Test-Roles";
    public const string GroupsHeader = "X-Test-Groups";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        if (!headers.TryGetValue(UserHeader, out var user) || !headers.TryGetValue(TenantHeader, out var tenant))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim>
        {
            new("oid", user.ToString()),
            new("tid", tenant.ToString()),
            new("name", headers[NameHeader].ToString() is { Length: > 0 } name ? name : user.ToString()),
            new("scp", "access_as_user"),
        };
        if (headers[EmailHeader].ToString() is { Length: > 0 } email)
        {
            claims.Add(new Claim("preferred_username", email));
        }

        claims.AddRange(headers[RolesHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim("roles", r)));
        claims.AddRange(headers[GroupsHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(g => new Claim("groups", g)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "name", "roles"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
