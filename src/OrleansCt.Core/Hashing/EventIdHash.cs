using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OrleansCt.Core.Hashing;

/// <summary>The stable 64-bit hash of an event id that the id index stores (XxHash3 of its UTF-16 code units).</summary>
public static class EventIdHash
{
    public static ulong Of(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));

    public static ulong[] Of(IReadOnlyList<string> ids)
    {
        var hashes = new ulong[ids.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = Of(ids[i]);
        }

        return hashes;
    }
}
