using System.Buffers.Binary;
using System.Numerics;

namespace OrleansCt.Core.Validation;

/// <summary>
/// Parses a JSON number to the nearest double (ties to even), as double parsing does, for the common case: at most
/// 19 significant digits, a decimal exponent in [-342, 308], not a negative zero. It declines (returns false) everything else and
/// the rare inputs it cannot round with certainty; the caller then parses those the ordinary way.
/// </summary>
/// <remarks>
/// Clinger's exact fast path when the digits and the power of ten are both exact doubles; otherwise the Eisel-Lemire
/// algorithm (Lemire, "Number parsing at a gigabyte per second", 2021; in the form of Go's strconv):
/// the digits as a 64-bit integer w times a 128-bit truncation of 10^e, and the double's 53 bits taken from the top of
/// the product when the bits below them show that the truncation cannot change the rounding.
/// </remarks>
internal static class JsonDouble
{
    public const int MinExponent = -342;
    public const int MaxExponent = 308;

    private const int MaxDigits = 19;

    /// <summary>The powers of ten that are exact doubles.</summary>
    private static readonly double[] ExactPowers =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Per decimal exponent e from <see cref="MinExponent"/>, at [2(e - MinExponent)] and the next index: the top and the
    /// next 64 bits of 10^e scaled into [2^127, 2^128), rounded down.
    /// </summary>
    private static readonly ulong[] Powers = BuildPowers();

    /// <summary>
    /// Parses a number token that Utf8JsonReader has already checked against JSON's grammar
    /// (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> number, out double value)
    {
        value = 0;
        var i = 0;
        var negative = number.Length > 0 && number[0] == '-';
        if (negative)
        {
            i++;
        }

        ulong digits = 0;
        var count = 0;
        var integer = i;
        if (i < number.Length && number[i] == '0')
        {
            // The integer part is zero (JSON allows no other leading zero).
            i++;
        }
        else if (!ReadDigits(number, ref i, ref digits, ref count) || i == integer)
        {
            return false;
        }

        var exponent = 0;
        if (i < number.Length && number[i] == '.')
        {
            var start = ++i;
            if (digits == 0)
            {
                // Zeros right after "0." are not significant digits.
                while (i < number.Length && number[i] == '0')
                {
                    i++;
                }
            }

            if (!ReadDigits(number, ref i, ref digits, ref count))
            {
                return false;
            }

            exponent = start - i;
        }

        if (i < number.Length && (number[i] | 0x20) == 'e')
        {
            i++;
            var negativeExponent = false;
            if (i < number.Length && (number[i] == '-' || number[i] == '+'))
            {
                negativeExponent = number[i] == '-';
                i++;
            }

            var written = 0;
            for (; i < number.Length; i++)
            {
                var d = (uint)(number[i] - '0');
                if (d > 9 || written > 100_000)
                {
                    return false;
                }

                written = (written * 10) + (int)d;
            }

            exponent += negativeExponent ? -written : written;
        }

        if (i != number.Length || (digits == 0 && negative))
        {
            // Not a plain number after all, or a negative zero (whose sign the ordinary parser decides).
            return false;
        }

        if (digits == 0)
        {
            return true;
        }

        return TryCompose(digits, exponent, negative, out value);
    }

    /// <summary>
    /// Appends the run of digits at <paramref name="i"/> to <paramref name="digits"/>, eight at a time while they last;
    /// false past <see cref="MaxDigits"/> digits in all.
    /// </summary>
    private static bool ReadDigits(ReadOnlySpan<byte> number, ref int i, ref ulong digits, ref int count)
    {
        while (i + 8 <= number.Length && count + 8 <= MaxDigits)
        {
            var eight = BinaryPrimitives.ReadUInt64LittleEndian(number[i..]);
            if ((((eight + 0x4646_4646_4646_4646) | (eight - 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080) != 0)
            {
                break;
            }

            digits = (digits * 100_000_000) + EightDigits(eight);
            count += 8;
            i += 8;
        }

        if (i + 4 <= number.Length && count + 4 <= MaxDigits)
        {
            var four = BinaryPrimitives.ReadUInt32LittleEndian(number[i..]);
            if ((((four + 0x4646_4646) | (four - 0x3030_3030)) & 0x8080_8080) == 0)
            {
                digits = (digits * 10_000) + FourDigits(four);
                count += 4;
                i += 4;
            }
        }

        for (; i < number.Length; i++)
        {
            var d = (uint)(number[i] - '0');
            if (d > 9)
            {
                break;
            }

            if (++count > MaxDigits)
            {
                return false;
            }

            digits = (digits * 10) + d;
        }

        return true;
    }

    /// <summary>Four ASCII digits, the first in the lowest byte, as their number.</summary>
    private static uint FourDigits(uint four)
    {
        four -= 0x3030_3030;
        four = (four * 10) + (four >> 8);
        return (((four & 0x00FF_00FF) * (1 + (100U << 16))) >> 16) & 0xFFFF;
    }

    /// <summary>Eight ASCII digits, the first in the lowest byte, as their number (three multiplications, no loop).</summary>
    private static ulong EightDigits(ulong eight)
    {
        eight -= 0x3030_3030_3030_3030;
        eight = (eight * 10) + (eight >> 8);
        return (((eight & 0x0000_00FF_0000_00FF) * (100 + (1_000_000UL << 32)))
            + (((eight >> 16) & 0x0000_00FF_0000_00FF) * (1 + (10_000UL << 32)))) >> 32;
    }

    /// <summary>The double nearest digits * 10^exponent, when it can be decided from the 128-bit power alone.</summary>
    internal static bool TryCompose(ulong digits, int exponent, bool negative, out double value)
    {
        value = 0;
        if (digits == 0 || exponent < MinExponent || exponent > MaxExponent)
        {
            return false;
        }

        if (digits <= 1UL << 53 && exponent >= -22 && exponent <= 22)
        {
            // Clinger's fast path: both operands are exact doubles, so one correctly rounded operation is the answer.
            // (It also takes the short exact decimals, 1.5 or 0.25, that the truncated powers below cannot round.)
            var exact = (double)digits;
            exact = exponent < 0 ? exact / ExactPowers[-exponent] : exact * ExactPowers[exponent];
            value = negative ? -exact : exact;
            return true;
        }

        // Normalise w so that its top bit is set; 217706 / 2^16 is log2(10) closely enough for every exponent here.
        var shift = BitOperations.LeadingZeroCount(digits);
        var w = digits << shift;
        var binaryExponent = (ulong)(((217706 * exponent) >> 16) + 64 + 1023) - (ulong)shift;

        var index = 2 * (exponent - MinExponent);
        var high = Math.BigMul(w, Powers[index], out var low);
        if ((high & 0x1FF) == 0x1FF && low + w < w)
        {
            // The 64-bit product leaves the rounding open: take the power's next 64 bits into account.
            var nextHigh = Math.BigMul(w, Powers[index + 1], out var nextLow);
            var mergedHigh = high;
            var mergedLow = low + nextHigh;
            if (mergedLow < low)
            {
                mergedHigh++;
            }

            if ((mergedHigh & 0x1FF) == 0x1FF && mergedLow + 1 == 0 && nextLow + w < w)
            {
                return false;
            }

            high = mergedHigh;
            low = mergedLow;
        }

        // Keep 54 bits (one past the double's 53, to round with).
        var top = high >> 63;
        var mantissa = high >> (int)(top + 9);
        binaryExponent -= 1 ^ top;

        if (low == 0 && (high & 0x1FF) == 0 && (mantissa & 3) == 1)
        {
            // Exactly half way between two doubles as far as these bits tell: ties need the exact value.
            return false;
        }

        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >> 53 > 0)
        {
            mantissa >>= 1;
            binaryExponent++;
        }

        // Zero or less is a subnormal, 0x7FF or more an infinity: both left to the ordinary parser.
        if (binaryExponent - 1 >= 0x7FF - 1)
        {
            return false;
        }

        var bits = (binaryExponent << 52) | (mantissa & 0x000F_FFFF_FFFF_FFFF);
        if (negative)
        {
            bits |= 0x8000_0000_0000_0000;
        }

        value = BitConverter.UInt64BitsToDouble(bits);
        return true;
    }

    private static ulong[] BuildPowers()
    {
        var powers = new ulong[2 * (MaxExponent - MinExponent + 1)];
        for (var e = MinExponent; e <= MaxExponent; e++)
        {
            (powers[2 * (e - MinExponent)], powers[(2 * (e - MinExponent)) + 1]) = Power(e);
        }

        return powers;
    }

    /// <summary>10^e scaled by a power of two into [2^127, 2^128) and rounded down, as two 64-bit halves.</summary>
    internal static (ulong High, ulong Low) Power(int e)
    {
        BigInteger scaled;
        if (e >= 0)
        {
            var power = BigInteger.Pow(10, e);
            var length = (int)power.GetBitLength();
            scaled = length >= 128 ? power >> (length - 128) : power << (128 - length);
        }
        else
        {
            // 2^(127 + L) / 10^-e, with L the bit length of 10^-e, lies in (2^127, 2^128).
            var power = BigInteger.Pow(10, -e);
            var length = (int)power.GetBitLength();
            scaled = (BigInteger.One << (127 + length)) / power;
        }

        return ((ulong)(scaled >> 64), (ulong)(scaled & ulong.MaxValue));
    }
}
