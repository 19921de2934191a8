using GhostAssist.Api.Tests.Infrastructure;
using Npgsql;

namespace GhostAssist.Api.Tests.Templates;

/// <summary>One running API per provider for a test class; each test works in its own tenant.</summary>
public abstract class TemplateStoreFixture : IAsyncLifetime
{
    private GhostAssistFactory? _factory;

    public GhostAssistFactory Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Settings that select the provider (and, for PostgreSQL, this run's database).</summary>
    public IDictionary<string, string?> StoreSettings { get; } = new Dictionary<string, string?>
    {
        // The 50-editors test sends more than the default per-user budget.
        ["RateLimiting:PermitLimit"] = "100000",
    };

    public abstract string Provider { get; }

    public virtual Task InitializeAsync()
    {
        _factory = GhostAssistFactory.Create(StoreSettings, useTestUsers: true);
        // Starting the host applies the migrations.
        using var client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

public sealed class SqliteStoreFixture : TemplateStoreFixture
{
    public override string Provider => "sqlite";
}

/// <summary>
/// A fresh database on the PostgreSQL server that scripts/postgres.sh starts. Without the server the
/// tests fail (they are never skipped): the store must be proven on both providers.
/// </summary>
public sealed class PostgresStoreFixture : TemplateStoreFixture
{
    public const string Variable = "GHOSTASSIST_TEST_POSTGRES";

    private readonly string _connectionString;

    public PostgresStoreFixture()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL store tests cannot run. Run the tests with the README's test command, " +
                $"or start a throwaway server first: `source scripts/postgres.sh` (it exports {Variable}).");
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = $"ghostassist_test_{Guid.NewGuid():N}" }.ConnectionString;
        StoreSettings["ConnectionStrings:Templates"] = _connectionString;
    }

    public override string Provider => "postgresql";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        var database = builder.Database;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
