using Npgsql;
using OrleansCt.Storage.Postgres;
using OrleansCt.Testing;

namespace OrleansCt.Storage.Tests;

/// <summary>The storage contract on PostgreSQL, each test in a fresh database of the test server.</summary>
public sealed class PostgresStorageTests : StorageContract
{
    private string? _connectionString;

    protected override async Task<StorageUnderTest> OpenAsync()
    {
        _connectionString ??= await TestServers.CreatePostgresDatabaseAsync("storage");
        var database = new PostgresDatabase(_connectionString);
        return new StorageUnderTest(
            new PostgresEventLog(database),
            new PostgresModelCatalog(database),
            new PostgresArtifactStore(database),
            new PostgresGrainStorage(database, TestSerializer.Instance),
            database);
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
