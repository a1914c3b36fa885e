using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansCt.Storage.Artifacts;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Sqlite;

/// <summary>
/// The artifacts in the embedded SQLite file: puts and drops on the single writer, reads on pooled read sessions, each in one
/// snapshot. The bytes move through incremental BLOB I/O: a put makes room with <c>zeroblob</c> and writes the caller's array into
/// it, a read fills the array it returns, so neither binds nor loads a second copy of a large artifact.
/// </summary>
public sealed class SqliteArtifactStore(SqliteDatabase database, long maxArtifactBytes = StorageOptions.DefaultMaxArtifactBytes)
    : SqlArtifactStore(SqlDialect.Sqlite, ArtifactSql.ContentRoom, maxArtifactBytes)
{
    private const string Table = "artifacts";
    private const string Column = "content";

    private protected override Task<T> RunReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        database.ReadSnapshotAsync(read, cancellationToken);

    private protected override Task<T> RunWriteAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        database.WriteAsync(scope => SqliteDatabase.Finish(write(scope, CancellationToken.None)), cancellationToken);

    private protected override DbCommand WithContent(DbCommand command, byte[] content) => command.With("@length", content.LongLength);

    // On the writer, inside the write's savepoint: a failure undoes the row with its bytes.
    private protected override Task FillContentAsync(ISqlSession session, long id, byte[] content, CancellationToken cancellationToken)
    {
        if (content.Length > 0)
        {
            using var blob = new SqliteBlob(ConnectionOf(session), Table, Column, id, readOnly: false);
            blob.Write(content, 0, content.Length);
        }

        return Task.CompletedTask;
    }

    private protected override Task<byte[]?> ReadContentAsync(ISqlSession session, long id, int length, CancellationToken cancellationToken)
    {
        var content = new byte[length];
        if (length > 0)
        {
            // In the read's snapshot, where the row was just seen holding these bytes.
            using var blob = new SqliteBlob(ConnectionOf(session), Table, Column, id, readOnly: true);
            blob.ReadExactly(content, 0, length);
        }

        return Task.FromResult<byte[]?>(content);
    }

    private static SqliteConnection ConnectionOf(ISqlSession session) =>
        session is ISqliteSession sqlite ? sqlite.Connection : throw new InvalidOperationException($"A {session.GetType().Name} is not a SQLite session.");
}
