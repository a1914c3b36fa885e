using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>A reference profile from exact rows: bins, counts and missing shares counted by hand.</summary>
public sealed class ReferenceProfilerTests
{
    private static readonly ModelSchema Schema = new(new ModelDefinition
    {
        Task = ModelTask.Binary,
        Target = "y",
        Classes = ["no", "yes"],
        Features =
        [
            new FeatureSpec { Name = "x", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "c", Type = FeatureType.Categorical },
            new FeatureSpec { Name = "d", Type = FeatureType.Categorical, Categories = ["y", "x"] },
        ],
        Monitoring = new MonitoringSpec { HistogramBins = 4 },
    });

    private static readonly double[] X = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, double.NaN, double.NaN];

    private static readonly string?[] C = ["b", "a", "b", null, "c", "b", "a", null, "b", "c", "a", "b"];

    private static readonly string?[] D = ["x", "y", "z", "x", null, "x", "y", "z", "x", "x", "y", null];

    private static readonly double[] Labels = [0, 1, 1, 0, double.NaN, 1, 1, 0, 1, double.NaN, 1, 1];

    private static ReferenceProfile Profile() =>
        ReferenceProfiler.FromColumns(Schema, 3, "csv", [X], [C, D], X.Select(v => double.IsNaN(v) ? 0.5 : v / 10).ToArray(), Labels);

    [Fact]
    public void A_numeric_column_counts_each_value_in_its_quartile_bin_and_its_missing_share()
    {
        var x = Profile().Features[0];

        // Quartiles of 1..10 (numpy linear, position 9q): 3.25, 5.5, 7.75.
        // python3 -c "import numpy as np; print(np.quantile(np.arange(1, 11), [0.25, 0.5, 0.75]))"  ->  [3.25 5.5  7.75]
        Assert.Equal([1.0, 3.25, 5.5, 7.75, Math.BitIncrement(10.0)], x.Histogram.Edges);

        // [1, 3.25): 1, 2, 3; [3.25, 5.5): 4, 5; [5.5, 7.75): 6, 7; [7.75, 10+): 8, 9, 10; nothing under or over.
        Assert.Equal([0L, 3L, 2L, 2L, 3L, 0L], x.Histogram.Counts);
        Assert.Equal(2, x.Histogram.Missing);
        Assert.Equal((12L, 2L), (x.Rows, x.Missing));
        Assert.Equal(2.0 / 12, x.MissingShare, 1e-15);
        Assert.False(x.Categorical);

        // More than 5 distinct values reads as 6 (the cap + 1); mean of 1..10 is 5.5, population variance (100 - 1)/12 = 8.25.
        Assert.Equal(6, x.Distinct);
        Assert.Equal(5.5, x.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(8.25), x.StandardDeviation, 1e-12);
        Assert.Equal(10, x.Sketch!.Count);
    }

    [Fact]
    public void An_open_categorical_column_bins_its_categories_in_ordinal_order_and_counts_missing_apart()
    {
        var c = Profile().Features[1];

        // a: rows 1, 6, 10; b: rows 0, 2, 5, 8, 11; c: rows 4, 9; null: rows 3, 7; the last bin is "unseen".
        Assert.Equal(["a", "b", "c"], c.Histogram.Categories);
        Assert.Equal([3L, 5L, 2L, 0L], c.Histogram.Counts);
        Assert.Equal((12L, 2L, 3L), (c.Rows, c.Missing, c.Distinct));
        Assert.True(c.Categorical);
        Assert.Null(c.Sketch);
    }

    [Fact]
    public void A_declared_categorical_column_keeps_the_declared_order_and_counts_other_values_as_unseen()
    {
        var d = Profile().Features[2];

        // x: rows 0, 3, 5, 8, 9; y: rows 1, 6, 10; z (not declared): rows 2, 7; null: rows 4, 11.
        Assert.Equal(["y", "x"], d.Histogram.Categories);
        Assert.Equal([3L, 5L, 2L], d.Histogram.Counts);
        Assert.Equal(2, d.Missing);
    }

    [Fact]
    public void Classification_labels_are_binned_as_class_names_with_unknown_labels_missing()
    {
        var label = Profile().Label!;

        // Class 0 ("no"): rows 0, 3, 7; class 1 ("yes"): rows 1, 2, 5, 6, 8, 10, 11; NaN: rows 4, 9.
        Assert.Equal("label", label.Name);
        Assert.True(label.Categorical);
        Assert.Equal(["no", "yes"], label.Histogram.Categories);
        Assert.Equal([3L, 7L, 0L], label.Histogram.Counts);
        Assert.Equal(2, label.Missing);
    }

    [Fact]
    public void The_profile_carries_its_revision_source_rows_and_a_numeric_prediction_column()
    {
        var profile = Profile();

        Assert.Equal((3, "csv", 12L), (profile.Revision, profile.Source, profile.Rows));
        Assert.Equal(["x", "c", "d"], profile.Features.Select(f => f.Name));
        Assert.Equal("prediction", profile.Prediction!.Name);
        Assert.False(profile.Prediction.Categorical);
        Assert.Equal(12, profile.Prediction.Histogram.Counts.Sum());
    }

    [Fact]
    public void Regression_labels_are_a_numeric_column_and_labels_that_are_all_unknown_give_none()
    {
        var regression = new ModelSchema(new ModelDefinition
        {
            Task = ModelTask.Regression,
            Target = "y",
            Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }],
        });
        double[] x = [1, 2, 3];

        var label = ReferenceProfiler.FromColumns(regression, 1, "csv", [x], [], null, [1.5, double.NaN, 2.5]).Label!;
        var none = ReferenceProfiler.FromColumns(regression, 1, "csv", [x], [], null, [double.NaN, double.NaN, double.NaN]);

        Assert.False(label.Categorical);
        Assert.Equal((3L, 1L), (label.Rows, label.Missing));
        Assert.Null(none.Label);
        Assert.Null(none.Prediction);
    }

    [Fact]
    public void An_open_categorical_column_keeps_the_64_most_frequent_categories_and_counts_the_rest_as_unseen()
    {
        var schema = new ModelSchema(new ModelDefinition
        {
            Task = ModelTask.Binary,
            Target = "y",
            Classes = ["no", "yes"],
            Features = [new FeatureSpec { Name = "c", Type = FeatureType.Categorical }],
        });

        // "a" five times, then 65 categories once each: "a" and the first 63 singletons in ordinal order (s00..s62) make the
        // 64 bins; s63 and s64 are unseen.
        var singletons = Enumerable.Range(0, 65).Select(i => $"s{i:00}").ToArray();
        var values = Enumerable.Repeat("a", 5).Concat(singletons.Reverse()).ToArray();

        var c = ReferenceProfiler.FromColumns(schema, 1, "csv", [], [values], null, null).Features[0];

        string[] categories = ["a", .. singletons[..63]];
        long[] counts = [5, .. Enumerable.Repeat(1L, 63), 2];
        Assert.Equal(categories, c.Histogram.Categories);
        Assert.Equal(counts, c.Histogram.Counts);
        Assert.Equal((70L, 66L), (c.Rows, c.Distinct));
    }
}
