using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

/// <summary>The streaming reader's number parser: when it answers, the same double as .NET's parsing, bit for bit.</summary>
public sealed class JsonDoubleTests
{
    [Fact]
    public void The_powers_of_ten_are_the_truncated_128_bit_mantissas()
    {
        // 1e43 = 0xE596B7B0_C643C719_6D9CCD05_D0000000 * 2^15, exactly.
        Assert.Equal((0xE596_B7B0_C643_C719UL, 0x6D9C_CD05_D000_0000UL), JsonDouble.Power(43));
        Assert.Equal((0x8000_0000_0000_0000UL, 0UL), JsonDouble.Power(0));
        Assert.Equal((0xA000_0000_0000_0000UL, 0UL), JsonDouble.Power(1));

        // 0.1 = 0.000110011..., rounded down.
        Assert.Equal((0xCCCC_CCCC_CCCC_CCCCUL, 0xCCCC_CCCC_CCCC_CCCCUL), JsonDouble.Power(-1));
    }

    [Fact]
    public void Random_doubles_written_every_way_parse_to_the_same_bits()
    {
        var random = new Random(7);
        string[] formats = ["R", "G17", "E16", "E10", "G6", "F3", "0.###################"];
        var (tried, answered) = (0, 0);
        for (var i = 0; i < 200_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = value.ToString(formats[i % formats.Length], CultureInfo.InvariantCulture);
            tried++;
            answered += Check(text) ? 1 : 0;
        }

        // Every full-precision form of a double is answered unless it is subnormal or rounds only with all its digits.
        Assert.True(answered > tried * 0.6, $"{answered} of {tried}");
    }

    [Fact]
    public void Typical_feature_values_are_answered_and_exact()
    {
        var random = new Random(8);
        var (tried, answered) = (0, 0);
        for (var i = 0; i < 200_000; i++)
        {
            var value = (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 12));
            foreach (var text in new[] { value.ToString("R", CultureInfo.InvariantCulture), Math.Round(value, random.Next(0, 8)).ToString("R", CultureInfo.InvariantCulture) }.Where(t => t != "-0"))
            {
                tried++;
                answered += Check(text) ? 1 : 0;
            }
        }

        Assert.True(answered > tried * 0.99, $"{answered} of {tried}");
    }

    [Fact]
    public void Random_digit_strings_with_any_exponent_parse_to_the_same_bits()
    {
        var random = new Random(9);
        for (var i = 0; i < 300_000; i++)
        {
            var digits = new StringBuilder();
            var length = random.Next(1, 22);
            for (var d = 0; d < length; d++)
            {
                digits.Append((char)('0' + (d == 0 ? random.Next(1, 10) : random.Next(10))));
            }

            var point = random.Next(0, length + 1);
            var mantissa = point == 0 ? "0." + digits : point == length ? digits.ToString() : digits.ToString(0, point) + "." + digits.ToString(point, length - point);
            var exponent = random.Next(4) switch
            {
                0 => string.Empty,
                1 => "e" + random.Next(-30, 30).ToString(CultureInfo.InvariantCulture),
                2 => "E+" + random.Next(0, 330).ToString(CultureInfo.InvariantCulture),
                _ => "e-" + random.Next(0, 360).ToString(CultureInfo.InvariantCulture),
            };
            Check((random.Next(2) == 0 ? "-" : "") + mantissa + exponent);
        }
    }

    [Fact]
    public void Integers_half_way_between_two_doubles_and_their_neighbours_round_to_even()
    {
        var random = new Random(10);
        for (var i = 0; i < 100_000; i++)
        {
            // In [2^(53+t), 2^(54+t)) doubles are 2^(t+1) apart; M * 2^(t+1) + 2^t is half way.
            var t = random.Next(0, 10);
            var m = (BigInteger.One << 52) + random.NextInt64(0, 1L << 52);
            var half = (m << (t + 1)) + (BigInteger.One << t);
            foreach (var n in new[] { half, half - 1, half + 1, m << (t + 1) })
            {
                if (n < BigInteger.Pow(10, 19))
                {
                    Check(n.ToString(CultureInfo.InvariantCulture));
                    Check(n.ToString(CultureInfo.InvariantCulture) + "e-3");
                    Check("0." + n.ToString(CultureInfo.InvariantCulture) + "e5");
                }
            }
        }

        Assert.False(JsonDouble.TryParse("9007199254740993"u8, out _));
        Check("9007199254740993");
        Check("9007199254740995");
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("-0.000")]
    [InlineData("-0e10")]
    [InlineData("1e309")]
    [InlineData("1e-400")]
    [InlineData("4.9e-324")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("12345678901234567890")]
    [InlineData("0.12345678901234567890")]
    [InlineData("1e100000000")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("abc")]
    public void Negative_zero_subnormals_overflow_long_digit_strings_and_non_numbers_are_declined(string text)
    {
        Assert.False(JsonDouble.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.000e7", 0.0)]
    [InlineData("1", 1.0)]
    [InlineData("-1.5", -1.5)]
    [InlineData("0.1", 0.1)]
    [InlineData("1E2", 100.0)]
    [InlineData("1e+2", 100.0)]
    [InlineData("250e-2", 2.5)]
    [InlineData("0.000001234", 0.000001234)]
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    [InlineData("2.2250738585072014E-308", 2.2250738585072014E-308)]
    [InlineData("9999999999999999999", 9999999999999999999.0)]
    [InlineData("12345678.12345678", 12345678.12345678)]
    public void Ordinary_numbers_are_answered(string text, double expected)
    {
        Assert.True(JsonDouble.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    /// <summary>Asserts that an answer is the bits .NET parses (and, now and then, those JsonElement reads); returns whether it answered.</summary>
    private static bool Check(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        if (!JsonDouble.TryParse(utf8, out var value))
        {
            return false;
        }

        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{text}: {value:R}, not {expected:R}");
        if (utf8.Length % 16 == 0)
        {
            using var document = JsonDocument.Parse(utf8);
            Assert.True(document.RootElement.TryGetDouble(out var read) && BitConverter.DoubleToInt64Bits(read) == BitConverter.DoubleToInt64Bits(value), text);
        }

        return true;
    }
}
