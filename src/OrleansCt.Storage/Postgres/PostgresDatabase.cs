using Npgsql;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Postgres;

/// <summary>The PostgreSQL database shared by the log, the catalog and the grain storage; creates its tables on first use.</summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private static readonly string s_schema = StorageSchema.Create(SqlDialect.Postgres);

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schemaGate.Dispose();
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _schemaGate.Dispose();
    }

    /// <summary>An open pooled connection; the tables exist by the time it is returned.</summary>
    internal async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await CreateSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs shared SQL (<see cref="ISqlSession"/>) on a pooled connection without a transaction.</summary>
    internal async Task<T> RunAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var session = new PostgresSession(connection, null);
        return await read(session, cancellationToken).ConfigureAwait(false);
    }

    internal static bool IsUniqueViolation(PostgresException exception) => exception.SqlState == PostgresErrorCodes.UniqueViolation;

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        // Not a cached Task: a failure (server not up yet) must not be remembered, the next call tries again.
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand(s_schema, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
