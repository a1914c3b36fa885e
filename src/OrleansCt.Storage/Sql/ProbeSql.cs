namespace OrleansCt.Storage.Sql;

/// <summary>
/// The storage probe, written once for both backends: a row with a payload of several pages is written and deleted again, so
/// the probe passes only when the store can take (and commit) new pages, not merely answer a read.
/// </summary>
internal static class ProbeSql
{
    public const string Insert = "INSERT INTO storage_probe (id, payload) VALUES (@id, @payload)";

    public const string Delete = "DELETE FROM storage_probe WHERE id = @id";

    // Random bytes: PostgreSQL compresses a run of zeros to almost nothing, and the probe must really take room.
    private static readonly byte[] s_payload = RandomPayload(16 * 1024);

    /// <summary>Writes and deletes one probe row; a random id, so that silos probing one database at once do not collide.</summary>
    public static async Task<bool> RunAsync(ISqlSession session, CancellationToken cancellationToken)
    {
        var id = Random.Shared.NextInt64(1, long.MaxValue);
        await session.Command(Insert).With("@id", id).With("@payload", s_payload).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await session.Command(Delete).With("@id", id).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static byte[] RandomPayload(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
