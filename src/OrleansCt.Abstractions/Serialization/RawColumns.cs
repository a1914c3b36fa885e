using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansCt.Abstractions.Serialization;

/// <summary>
/// Columns as raw little-endian bytes, so a batch crosses the serializer as a few byte arrays (one copy each way) rather
/// than one tagged field per value. NaN payloads, signed zeros and infinities come back bit for bit.
/// </summary>
internal static class RawColumns
{
    public static byte[] Pack(double[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static double[] UnpackDoubles(byte[] bytes)
    {
        var values = new double[bytes.Length / sizeof(double)];
        bytes.AsSpan(0, values.Length * sizeof(double)).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Equal-length columns, one after another.</summary>
    public static byte[] Pack(double[][] columns, int rows)
    {
        var bytes = new byte[columns.Length * rows * sizeof(double)];
        for (var c = 0; c < columns.Length; c++)
        {
            MemoryMarshal.AsBytes(columns[c].AsSpan(0, rows)).CopyTo(bytes.AsSpan(c * rows * sizeof(double)));
        }

        return bytes;
    }

    public static double[][] UnpackColumns(byte[] bytes, int columns, int rows)
    {
        var result = new double[columns][];
        for (var c = 0; c < columns; c++)
        {
            result[c] = new double[rows];
            bytes.AsSpan(c * rows * sizeof(double), rows * sizeof(double)).CopyTo(MemoryMarshal.AsBytes(result[c].AsSpan()));
        }

        return result;
    }

    /// <summary>Strings as UTF-8, each after its byte length (4 bytes).</summary>
    public static byte[] Pack(string[] values)
    {
        var length = 0;
        foreach (var value in values)
        {
            length += sizeof(int) + Encoding.UTF8.GetByteCount(value);
        }

        var bytes = new byte[length];
        var at = 0;
        foreach (var value in values)
        {
            var written = Encoding.UTF8.GetBytes(value, bytes.AsSpan(at + sizeof(int)));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), written);
            at += sizeof(int) + written;
        }

        return bytes;
    }

    public static string[] UnpackStrings(byte[] bytes, int count)
    {
        var values = new string[count];
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
            values[i] = Encoding.UTF8.GetString(bytes, at + sizeof(int), length);
            at += sizeof(int) + length;
        }

        return values;
    }

    /// <summary>
    /// Categorical columns as one dictionary per column (its distinct values in order of first appearance) and a code per row
    /// (4 bytes; -1 for a missing value), columns one after another.
    /// </summary>
    public static (string[][] Dictionaries, byte[] Codes) Pack(string?[][] columns, int rows)
    {
        var dictionaries = new string[columns.Length][];
        var codes = new byte[columns.Length * rows * sizeof(int)];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        for (var c = 0; c < columns.Length; c++)
        {
            seen.Clear();
            distinct.Clear();
            var column = columns[c];
            var at = codes.AsSpan(c * rows * sizeof(int));
            for (var row = 0; row < rows; row++)
            {
                var code = -1;
                if (column[row] is { } value && !seen.TryGetValue(value, out code))
                {
                    code = distinct.Count;
                    seen.Add(value, code);
                    distinct.Add(value);
                }

                BinaryPrimitives.WriteInt32LittleEndian(at[(row * sizeof(int))..], code);
            }

            dictionaries[c] = [.. distinct];
        }

        return (dictionaries, codes);
    }

    public static string?[][] UnpackCategorical(string[][] dictionaries, byte[] codes, int rows)
    {
        var columns = new string?[dictionaries.Length][];
        for (var c = 0; c < dictionaries.Length; c++)
        {
            var column = columns[c] = new string?[rows];
            var at = codes.AsSpan(c * rows * sizeof(int));
            for (var row = 0; row < rows; row++)
            {
                var code = BinaryPrimitives.ReadInt32LittleEndian(at[(row * sizeof(int))..]);
                column[row] = code < 0 ? null : dictionaries[c][code];
            }
        }

        return columns;
    }
}
