using System.Data.Common;

namespace OrleansCt.Storage.Artifacts;

/// <summary>An <c>artifacts</c> row as the store reads it: its record, its id, and the length of the bytes it still holds.</summary>
/// <param name="StoredLength">The length of the content column; null once the bytes were dropped.</param>
internal sealed record ArtifactRow(long Id, ArtifactInfo Info, long? StoredLength)
{
    /// <summary>Reads the columns of <see cref="Sql.ArtifactSql.SelectOne"/> at the reader's row.</summary>
    public static ArtifactRow Read(DbDataReader reader)
    {
        long? stored = reader.IsDBNull(6) ? null : reader.GetInt64(6);
        var info = new ArtifactInfo(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), stored is null);
        return new ArtifactRow(reader.GetInt64(0), info, stored);
    }
}
