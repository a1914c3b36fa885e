using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Tests;

/// <summary>The id-index block layout: 8 bytes per hash, least significant byte first.</summary>
public sealed class HashBlockTests
{
    [Fact]
    public void Hashes_are_packed_little_endian_one_after_another()
    {
        // Little-endian by definition: 0x0102030405060708 is stored 08 07 06 05 04 03 02 01.
        var block = HashBlock.Pack([0x0102030405060708, 0xFF]);

        Assert.Equal([8, 7, 6, 5, 4, 3, 2, 1, 0xFF, 0, 0, 0, 0, 0, 0, 0], block);
        Assert.Equal([0x0102030405060708UL, 0xFFUL], HashBlock.Unpack(block));
    }

    [Fact]
    public void A_block_that_is_not_whole_hashes_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => HashBlock.Unpack(new byte[12]));
    }
}
