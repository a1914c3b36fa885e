using OrleansCt.Storage.Catalog;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Postgres;

/// <summary>The model catalog in PostgreSQL, on pooled connections.</summary>
public sealed class PostgresModelCatalog(PostgresDatabase database) : SqlModelCatalog(SqlDialect.Postgres)
{
    private protected override Task<T> RunReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        database.RunAsync(read, cancellationToken);

    // No transaction: the upsert's two statements each stand alone, as models are never deleted.
    private protected override Task<T> RunWriteAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        database.RunAsync(write, cancellationToken);
}
