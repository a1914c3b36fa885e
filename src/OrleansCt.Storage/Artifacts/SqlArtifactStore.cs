using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Artifacts;

/// <summary>
/// The artifact store as both backends keep it, over <see cref="ArtifactSql"/>: a row per version in <c>artifacts</c>, its bytes
/// in the row until dropped. Each backend says where its SQL runs; how the bytes go in and out is shared (a parameter, a sequential
/// read) unless the backend streams them itself (SQLite's incremental BLOB I/O).
/// </summary>
public abstract class SqlArtifactStore : IArtifactStore
{
    private readonly string _selectOne;
    private readonly string _selectByModel;
    private readonly string _insert;
    private readonly string _restore;

    /// <param name="contentValue">The SQL value the content column is given on insert and restore (see <see cref="WithContent"/>).</param>
    private protected SqlArtifactStore(SqlDialect dialect, string contentValue, long maxArtifactBytes)
    {
        StorageOptions.CheckMaxArtifactBytes(maxArtifactBytes);
        MaxArtifactBytes = maxArtifactBytes;
        _selectOne = ArtifactSql.SelectOne(dialect);
        _selectByModel = ArtifactSql.SelectByModel(dialect);
        _insert = ArtifactSql.Insert(contentValue);
        _restore = ArtifactSql.Restore(contentValue);
    }

    public long MaxArtifactBytes { get; }

    public async Task PutAsync(string model, string version, byte[] content, long createdUnixMs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(content);
        if (content.LongLength > MaxArtifactBytes)
        {
            throw new ArtifactTooLargeException(model, version, content.LongLength, MaxArtifactBytes);
        }

        // Hashed here, on the caller's thread, not inside the write (on SQLite that would hold the one writer).
        var sha256 = Sha256Of(content);
        await RunWriteAsync((session, token) => PutRowAsync(session, model, version, content, sha256, createdUnixMs, token), cancellationToken)
            .ConfigureAwait(false);
    }

    public Task<Artifact?> GetAsync(string model, string version, CancellationToken cancellationToken = default) =>
        RunReadAsync(
            async (session, token) =>
            {
                var row = await FindAsync(session, model, version, token).ConfigureAwait(false);
                if (row?.StoredLength is not { } stored)
                {
                    return null;
                }

                var info = row.Info;
                if (stored != info.Size)
                {
                    throw Corrupt(info, $"{stored:N0} bytes are stored where {info.Size:N0} were put");
                }

                var content = await ReadContentAsync(session, row.Id, checked((int)stored), token).ConfigureAwait(false);
                if (content is null)
                {
                    // Dropped between the two reads (PostgreSQL reads them outside one snapshot).
                    return null;
                }

                var sha256 = Sha256Of(content);
                if (content.LongLength != info.Size || !string.Equals(sha256, info.Sha256, StringComparison.Ordinal))
                {
                    throw Corrupt(info, $"its {content.LongLength:N0} stored bytes have SHA-256 {sha256}, not the {info.Sha256} they were stored with");
                }

                return new Artifact(info, content);
            },
            cancellationToken);

    public Task<ArtifactInfo?> GetInfoAsync(string model, string version, CancellationToken cancellationToken = default) =>
        RunReadAsync(async (session, token) => (await FindAsync(session, model, version, token).ConfigureAwait(false))?.Info, cancellationToken);

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(string model, CancellationToken cancellationToken = default) =>
        RunReadAsync<IReadOnlyList<ArtifactInfo>>(
            async (session, token) =>
            {
                var infos = new List<ArtifactInfo>();
                await using var reader = await session.Command(_selectByModel).With("@model", model).ExecuteReaderAsync(token).ConfigureAwait(false);
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    infos.Add(ArtifactRow.Read(reader).Info);
                }

                return infos;
            },
            cancellationToken);

    public Task<bool> DropAsync(string model, string version, CancellationToken cancellationToken = default) =>
        RunWriteAsync(
            async (session, token) =>
                await session.Command(ArtifactSql.Drop).With("@model", model).With("@version", version).ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1,
            cancellationToken);

    /// <summary>Runs <paramref name="read"/> where the backend reads; on SQLite all of it sees one snapshot.</summary>
    private protected abstract Task<T> RunReadAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="write"/> where the backend writes.</summary>
    private protected abstract Task<T> RunWriteAsync<T>(Func<ISqlSession, CancellationToken, Task<T>> write, CancellationToken cancellationToken);

    /// <summary>Binds what the content value names: by default the bytes themselves, sent with the statement.</summary>
    private protected virtual DbCommand WithContent(DbCommand command, byte[] content) => command.With(ArtifactSql.ContentParameter, content);

    /// <summary>Writes the bytes into the row <paramref name="id"/> after the statement made room for them; by default they went with it.</summary>
    private protected virtual Task FillContentAsync(ISqlSession session, long id, byte[] content, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The bytes of row <paramref name="id"/>, <paramref name="length"/> of them by its record; null when they were dropped meanwhile.
    /// By default read sequentially, so the provider fills the array from the connection instead of buffering the row first.
    /// </summary>
    private protected virtual async Task<byte[]?> ReadContentAsync(ISqlSession session, long id, int length, CancellationToken cancellationToken)
    {
        var command = session.Command(ArtifactSql.SelectContent).With("@id", id);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return await reader.GetFieldValueAsync<byte[]>(0, cancellationToken).ConfigureAwait(false);
    }

    private static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static ArtifactCorruptException Corrupt(ArtifactInfo info, FormattableString problem) =>
        new(info.Model, info.Version, problem.ToString(CultureInfo.InvariantCulture));

    private async Task<ArtifactRow?> FindAsync(ISqlSession session, string model, string version, CancellationToken cancellationToken)
    {
        var command = session.Command(_selectOne).With("@model", model).With("@version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ArtifactRow.Read(reader) : null;
    }

    // Inserts first: a new version (the usual put) takes one statement, and a put racing another on PostgreSQL needs no second look.
    // A repeated put then finds the row; on PostgreSQL it has sent the bytes once more for nothing, on SQLite only their length.
    // Returns true when it stored a new version.
    private async Task<bool> PutRowAsync(
        ISqlSession session, string model, string version, byte[] content, string sha256, long createdUnixMs, CancellationToken cancellationToken)
    {
        var insert = session.Command(_insert)
            .With("@model", model)
            .With("@version", version)
            .With("@sha256", sha256)
            .With("@size", content.LongLength)
            .With("@created", createdUnixMs);
        if (await WithContent(insert, content).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } id)
        {
            await FillContentAsync(session, Convert.ToInt64(id, CultureInfo.InvariantCulture), content, cancellationToken).ConfigureAwait(false);
            return true;
        }

        // Rows are never deleted, so the one that blocked the insert is there.
        var row = await FindAsync(session, model, version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The artifact of version '{version}' of model '{model}' blocked an insert but cannot be found.");
        if (!string.Equals(row.Info.Sha256, sha256, StringComparison.Ordinal))
        {
            throw new ArtifactConflictException(model, version, row.Info.Sha256, sha256);
        }

        // The same bytes as the record's: a dropped version gets them back, a kept one is left as it is.
        if (row.Info.Dropped)
        {
            var restore = WithContent(session.Command(_restore).With("@id", row.Id), content);
            if (await restore.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                await FillContentAsync(session, row.Id, content, cancellationToken).ConfigureAwait(false);
            }
        }

        return false;
    }
}
