using Npgsql;

namespace OrleansCt.Testing;

/// <summary>Real servers for tests: a fresh PostgreSQL database per caller and a Redis server per caller.</summary>
public static class TestServers
{
    /// <summary>An Npgsql connection string of an existing server to use instead of starting one.</summary>
    public const string PostgresVariable = "ORLEANSCT_TEST_POSTGRES";

    /// <summary>"host:port" of an existing Redis server to use instead of starting one.</summary>
    public const string RedisVariable = "ORLEANSCT_TEST_REDIS";

    // One PostgreSQL server per test process (setup costs seconds); isolation comes from a database per caller.
    private static readonly Lazy<Task<string>> s_postgres = new(StartPostgresAsync);
    private static int s_databases;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(string name = "test")
    {
        var admin = await s_postgres.Value.ConfigureAwait(false);
        var safe = string.Concat(name.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
        var database = $"{safe[..Math.Min(safe.Length, 20)]}_{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}_{Guid.NewGuid():N}"[..^24];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString();
    }

    /// <summary>
    /// A PostgreSQL server of the caller's own, to stop and start again (a stopped database under test); dispose removes it. Needs the
    /// local binaries: a server named by ORLEANSCT_TEST_POSTGRES is shared and cannot be stopped.
    /// </summary>
    public static Task<PostgresTestServer> StartOwnPostgresAsync() => PostgresTestServer.StartAsync();

    /// <summary>Starts a Redis server for the caller (or wraps the one named by ORLEANSCT_TEST_REDIS); dispose stops it.</summary>
    public static Task<RedisTestServer> StartRedisAsync()
    {
        var external = Environment.GetEnvironmentVariable(RedisVariable);
        return string.IsNullOrWhiteSpace(external) ? RedisTestServer.StartAsync() : Task.FromResult(RedisTestServer.External(external.Trim()));
    }

    private static async Task<string> StartPostgresAsync()
    {
        var external = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return external;
        }

        var server = await PostgresTestServer.StartAsync().ConfigureAwait(false);
        return server.AdminConnectionString;
    }
}
