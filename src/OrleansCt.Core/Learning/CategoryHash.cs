using System.IO.Hashing;
using System.Text;

namespace OrleansCt.Core.Learning;

/// <summary>The bucket of a hashed categorical value: XxHash3-64 (seed 0) of the UTF-8 bytes of "name\u0001value", modulo the bucket count.</summary>
public static class CategoryHash
{
    // UTF-8 rather than UTF-16 so that a client in any language can reproduce the bucket.
    private const int StackBytes = 512;

    public static int Bucket(string feature, string value, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var length = Encoding.UTF8.GetByteCount(feature) + 1 + Encoding.UTF8.GetByteCount(value);
        Span<byte> bytes = length <= StackBytes ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(feature, bytes);
        bytes[written++] = 0x01;
        Encoding.UTF8.GetBytes(value, bytes[written..]);
        return (int)(XxHash3.HashToUInt64(bytes) % (ulong)buckets);
    }
}
