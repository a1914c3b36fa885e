using System.Buffers.Binary;

namespace OrleansCt.Storage.Log;

/// <summary>Packs an entry's id hashes into one little-endian block, so the id index has one row per batch.</summary>
internal static class HashBlock
{
    public static byte[] Pack(ReadOnlySpan<ulong> hashes)
    {
        var block = new byte[hashes.Length * sizeof(ulong)];
        for (var i = 0; i < hashes.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(i * sizeof(ulong)), hashes[i]);
        }

        return block;
    }

    public static ulong[] Unpack(ReadOnlySpan<byte> block)
    {
        var hashes = new ulong[Count(block)];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = At(block, i);
        }

        return hashes;
    }

    public static int Count(ReadOnlySpan<byte> block)
    {
        // A block whose length is not a whole number of hashes was not written by Pack: refuse it rather than misread ids.
        if (block.Length % sizeof(ulong) != 0)
        {
            throw new InvalidDataException($"An id-index block of {block.Length} bytes is not a whole number of 8-byte hashes; the index is damaged.");
        }

        return block.Length / sizeof(ulong);
    }

    public static ulong At(ReadOnlySpan<byte> block, int position) =>
        BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(position * sizeof(ulong), sizeof(ulong)));
}
