using System.Text.Json;
using OrleansCt.Core.Drift.Detectors;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;
using OrleansCt.Core.Tests.Drift.Statistics;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>
/// The KS a drift window computes (its counts on the reference's decile bins, D at the bin edges, p-value by DriftEvaluator.KsPValue)
/// against scipy 1.10.1's exact two-sample KS on the very same samples (tests/reference/vectors/binned_ks_scipy.py rebuilds them
/// from CPython's Mersenne Twister, which PythonRandom reproduces). The bound stated and checked here:
/// <list type="bullet">
/// <item>On a reference whose counts are exact (a CSV or a range of the log), D_window ∈ [D − w, D], D scipy's and w the widest
/// bin's share in either sample: the window's D is the exact ECDF gap at the edges, and inside a bin each ECDF rises by at most its
/// share. So the window's p-value is never below scipy's exact one but for the asymptotic formula's own error: at least 0.97 of it
/// (the vectors' asymptotic-over-exact ratios at scipy's D lie in 0.98–1.01 where p ≥ 1e-4).</item>
/// <item>On a gathered reference (the model's first events: counts from a k = 48 sketch's ranks) D moves by at most the sketch's
/// rank error more, which is the term the fixed-reference band adds for such a reference.</item>
/// </list>
/// </summary>
public sealed class BinnedKsScipyTests
{
    private const double PValueFloor = 0.97;

    public static TheoryData<string> Cases => [.. DriftReference.BinnedKsCaseNames()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void On_an_exact_reference_the_windows_D_is_scipys_less_at_most_the_widest_bin_and_its_p_value_no_lower(string name)
    {
        var c = DriftReference.BinnedKsCase(name);
        var (reference, window) = Samples(c);
        var column = ReferenceProfiler.Numeric("x", reference, 10);
        var drift = Score(new ReferenceProfile(1, "csv", reference.Length, [column], null, null), window);

        var widest = Widest(column.Histogram.Edges, reference, window);
        var d = c.Number("d");
        Assert.InRange(drift.Scores.KsD!.Value, d - widest - 1e-12, d + 1e-12);
        Assert.True(drift.Scores.KsP >= PValueFloor * c.Number("pExact"), $"{name}: p {drift.Scores.KsP:R} below {PValueFloor} × scipy's exact {c.Number("pExact"):R}");
    }

    [Theory]
    [InlineData("same-1000-1440-a")]
    [InlineData("same-1000-1440-b")]
    [InlineData("same-1000-1440-c")]
    [InlineData("scale-narrower")]
    [InlineData("scale-shift-small")]
    [InlineData("ties-same")]
    public void On_a_gathered_reference_the_windows_D_moves_by_at_most_the_sketchs_rank_error_more(string name)
    {
        var c = DriftReference.BinnedKsCase(name);
        var (reference, window) = Samples(c);
        var profile = Gathered(reference);
        var column = profile.Features[0];
        var drift = Score(profile, window);

        Assert.True(profile.SketchedCounts);
        Assert.True(column.Sketch!.Items.Length < column.Sketch.Count, "the gathered sketch compacted, so its counts are estimates");
        var epsilon = QuantileSketch.RankErrorBound(column.Sketch.K);
        var widest = Widest(NumericHistogram.FromState(column.Histogram).Edges, reference, window);
        var d = c.Number("d");
        Assert.InRange(drift.Scores.KsD!.Value, d - widest - epsilon, d + epsilon);
    }

    /// <summary>The case's samples, drawn as the script draws them: random.Random(seed).random(), then +, × and floor only.</summary>
    private static (double[] Reference, double[] Window) Samples(JsonElement c)
    {
        var (kind, a, b) = (c.GetProperty("kind").GetString(), c.Number("a"), c.Number("b"));
        double[] Draw(string seed, string rows, bool window)
        {
            var random = new PythonRandom(c.GetProperty(seed).GetInt64());
            return Enumerable.Range(0, c.GetProperty(rows).GetInt32()).Select(_ => random.NextDouble()).Select(u => kind == "ties"
                ? Math.Floor((a * u) + (window ? b : 0.0))
                : window ? (a * u) + b : u).ToArray();
        }

        return (Draw("referenceSeed", "referenceRows", false), Draw("windowSeed", "windowRows", true));
    }

    /// <summary>The largest share of one bin in either sample, counted by the documented rule (a value's bin is the number of edges at or below it).</summary>
    private static double Widest(IReadOnlyList<double> edges, double[] reference, double[] window) =>
        Math.Max(WindowData.Shares(WindowData.CountByEdges(edges, reference)).Max(), WindowData.Shares(WindowData.CountByEdges(edges, window)).Max());

    private static ColumnDrift Score(ReferenceProfile profile, double[] window) =>
        DriftEvaluator.Evaluate(profile, [WindowData.Hourly(profile, 0, WindowData.Numeric(profile.Features[0], window))], new DriftSpec())!.Features.Single();

    /// <summary>The reference a model gathers from its first events: the values fed to a monitor whose reference is its first n events.</summary>
    private static ReferenceProfile Gathered(double[] values)
    {
        var schema = new ModelSchema(new ModelDefinition
        {
            Task = ModelTask.Regression,
            Target = "y",
            Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }],
            Monitoring = new MonitoringSpec { ReferenceEvents = values.Length },
        });
        var monitor = new ModelMonitor(schema);
        var times = Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray();
        monitor.ObserveEvents(new EventBatch { Ids = times.Select(t => $"e{t}").ToArray(), Times = times, Numeric = [values], Categorical = [] }, new Predictions(1, new double[values.Length]), 1);
        return monitor.PendingProfile!;
    }
}
