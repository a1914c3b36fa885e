using CsCheck;

namespace OrleansCt.Core.Tests.Properties;

/// <summary>Generators of doubles that mix ordinary values with the extremes that once poisoned a model: ±double.MaxValue, ±1.7e308, 1e155, denormals, −0 and NaN.</summary>
internal static class ExtremeDoubles
{
    /// <summary>The values named in issue 10 and the edges of the format.</summary>
    public static readonly double[] Specials =
    [
        0.0, -0.0, 1.0, -1.0, 1e155, -1e155, 1.7e308, -1.7e308, double.MaxValue, -double.MaxValue, double.Epsilon, -double.Epsilon,
        1e-310, -1e-310, 2.2250738585072014E-308, 1e154, 9e307, -9e307,
    ];

    /// <summary>A finite double: ordinary, special, or any finite bit pattern.</summary>
    public static readonly Gen<double> Finite = Gen.Frequency(
        (4, Gen.Int[-4000, 4000].Select(i => i / 16.0)),
        (3, Gen.OneOf(Specials)),
        (3, Gen.Long.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite)));

    /// <summary>What a reader can hand on for a numeric field: a finite double or NaN (missing); the readers refuse infinities.</summary>
    public static readonly Gen<double> Reachable = Gen.Frequency((9, Finite), (1, Gen.Const(double.NaN)));

    /// <summary>Any double at all, infinities included (for the accumulators' own contracts, wider than what a reader lets through).</summary>
    public static readonly Gen<double> Any = Gen.Frequency((8, Finite), (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity)), (1, Gen.Long.Select(BitConverter.Int64BitsToDouble)));

    /// <summary>The time each property runs: a few seconds, seeded from CsCheck_Seed when set (CsCheck prints the seed of any failure).</summary>
    public const int Seconds = 3;

    /// <summary>One thread: the CI machine is shared, and a failing seed then reproduces alone.</summary>
    public const int Threads = 1;
}
