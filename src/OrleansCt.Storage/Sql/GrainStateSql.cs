namespace OrleansCt.Storage.Sql;

/// <summary>Every statement of the grain state table, written once for both backends.</summary>
internal static class GrainStateSql
{
    public const string SelectRow = "SELECT etag, payload FROM grain_state WHERE grain_type = @type AND grain_id = @id";

    public const string InsertRow = "INSERT INTO grain_state (grain_type, grain_id, etag, payload) VALUES (@type, @id, 1, @payload)";

    // A cleared row keeps its ETag counting (payload NULL), so an activation holding an ETag from before the clear never matches again.
    public const string UpdateRow = "UPDATE grain_state SET etag = etag + 1, payload = @payload WHERE grain_type = @type AND grain_id = @id AND etag = @etag";
}
