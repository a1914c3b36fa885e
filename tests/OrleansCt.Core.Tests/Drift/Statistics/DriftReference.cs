using System.Text.Json;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.Drift.Statistics;

/// <summary>The scipy 1.10.1 values in tests/reference/vectors/*.json, read by case name.</summary>
internal static class DriftReference
{
    private static readonly Lazy<JsonElement> Statistics = new(() => Load("tests/reference/vectors/drift_statistics_reference.json"));
    private static readonly Lazy<JsonElement> Scipy = new(() => Load("tests/reference/vectors/scipy_reference_values.json"));
    private static readonly Lazy<JsonElement> BinnedKs = new(() => Load("tests/reference/vectors/binned_ks_scipy.json"));

    public static JsonElement DistributionPair(string name) => Case(Statistics.Value, "distribution_pairs", name);

    public static JsonElement SamplePair(string name) => Case(Statistics.Value, "sample_pairs", name);

    public static JsonElement ContingencyTable(string name) => Case(Statistics.Value, "contingency_tables", name);

    public static JsonElement KsCase(string name) => Case(Scipy.Value, "ks_2samp", name);

    /// <summary>A case of binned_ks_scipy.json: how its samples are drawn, and scipy's exact two-sample KS on them.</summary>
    public static JsonElement BinnedKsCase(string name) => Case(BinnedKs.Value, "cases", name);

    public static IEnumerable<string> BinnedKsCaseNames() => BinnedKs.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("case").GetString()!);

    public static double[] Doubles(this JsonElement e, string property) => e.GetProperty(property).EnumerateArray().Select(x => x.GetDouble()).ToArray();

    public static double Number(this JsonElement e, string property) => e.GetProperty(property).GetDouble();

    /// <summary>Asserts |actual − expected| ≤ tolerance · max(1, |expected|): absolute near zero, relative for large values.</summary>
    public static void Near(double expected, double actual, double tolerance, string what)
    {
        var allowed = tolerance * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= allowed, $"{what}: expected {expected:R}, got {actual:R} (off by {Math.Abs(actual - expected):E2}, allowed {allowed:E2})");
    }

    /// <summary>Asserts a relative error: |actual − expected| ≤ tolerance · |expected| (for p-values, which can be tiny).</summary>
    public static void Relative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}, allowed {tolerance:E0})");

    private static JsonElement Case(JsonElement root, string list, string name) =>
        root.GetProperty(list).EnumerateArray().Single(c => c.GetProperty("case").GetString() == name);

    private static JsonElement Load(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoFiles.PathOf(relative)));
        return document.RootElement.Clone();
    }
}
