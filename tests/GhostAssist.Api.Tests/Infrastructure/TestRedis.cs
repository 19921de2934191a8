namespace GhostAssist.Api.Tests.Infrastructure;

/// <summary>
/// The Redis server scripts/redis.sh starts on loopback. Without it the tests that need it fail
/// (they are never skipped): sharing tokens between instances must be proven on a real Redis.
/// </summary>
public static class TestRedis
{
    public const string Variable = "GHOSTASSIST_TEST_REDIS";

    public static string Configuration
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"{Variable} is not set, so the tests that share a token cache through Redis cannot run. Run the tests with the README's test command, " +
                    $"or start a throwaway server first: `source scripts/redis.sh` (it exports {Variable}).");
            }

            return value;
        }
    }
}
