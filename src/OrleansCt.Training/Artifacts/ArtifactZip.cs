using System.IO.Compression;

namespace OrleansCt.Training.Artifacts;

/// <summary>
/// ML.NET stamps every zip entry with the time it was saved, so saving one model twice gives different bytes. The entries
/// are rewritten in their order with one fixed time: the artifact's bytes, and so its SHA-256, depend on its content only.
/// </summary>
internal static class ArtifactZip
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalize(byte[] zip)
    {
        using var source = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }
}
