using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrleansCt.Training.Rows;

/// <summary>SHA-256 over a stream of canonical values: little-endian integers, float bits with one NaN, length-prefixed UTF-8.</summary>
internal sealed class DigestWriter : IDisposable
{
    private const int FlushAt = 4096;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        Flush(FlushAt);
    }

    /// <summary>Every NaN is written as the same bits: the pipeline treats them alike, so they are the same row.</summary>
    public void Single(float value) => Int32(float.IsNaN(value) ? unchecked((int)0x7FC00000) : BitConverter.SingleToInt32Bits(value));

    /// <summary>null and "" differ: a marker byte, then the length and the UTF-8 bytes.</summary>
    public void Text(string? value)
    {
        var span = _buffer.GetSpan(1);
        span[0] = value is null ? (byte)0 : (byte)1;
        _buffer.Advance(1);
        if (value is not null)
        {
            var count = Encoding.UTF8.GetByteCount(value);
            Int32(count);
            _buffer.Advance(Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count)));
        }

        Flush(FlushAt);
    }

    /// <summary>The digest as 64 lowercase hex digits.</summary>
    public string Finish()
    {
        Flush(0);
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();

    private void Flush(int threshold)
    {
        if (_buffer.WrittenCount >= threshold && _buffer.WrittenCount > 0)
        {
            _hash.AppendData(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }
}
