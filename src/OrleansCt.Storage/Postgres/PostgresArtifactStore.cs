using OrleansCt.Storage.Artifacts;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Postgres;

/// <summary>
/// The artifacts in PostgreSQL (a bytea per version), on pooled connections. The bytes go as a parameter, which Npgsql writes from
/// the caller's array, and come back through a sequential read, which fills the returned array without buffering the row first.
/// </summary>
public sealed class PostgresArtifactStore(PostgresDatabase database, long maxArtifactBytes = StorageOptions.DefaultMaxArtifactBytes)
    : SqlArtifactStore(SqlDialect.Postgres, ArtifactSql.ContentParameter, maxArtifactBytes)
{
    private protected override Task<T> RunReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        database.RunAsync(read, cancellationToken);

    // No transaction: every statement of a put or a drop stands alone (rows are never deleted, a put re-reads after losing an insert).
    private protected override Task<T> RunWriteAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        database.RunAsync(write, cancellationToken);
}
