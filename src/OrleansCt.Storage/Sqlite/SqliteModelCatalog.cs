using OrleansCt.Storage.Catalog;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Sqlite;

/// <summary>The model catalog in the embedded SQLite file: upserts on the single writer, reads on pooled read sessions.</summary>
public sealed class SqliteModelCatalog(SqliteDatabase database) : SqlModelCatalog(SqlDialect.Sqlite)
{
    private protected override Task<T> RunReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        database.ReadAsync(read, cancellationToken);

    private protected override Task<T> RunWriteAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        database.WriteAsync(scope => SqliteDatabase.Finish(write(scope, CancellationToken.None)), cancellationToken);
}
