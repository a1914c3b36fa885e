using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>Feature groups and the slicing of one send to the feature windows, for a model of 40 numeric features.</summary>
public sealed class WindowDeliveryTests
{
    private static readonly ModelDefinition s_wide = TestLog.Definition with
    {
        Features = [.. Enumerable.Range(0, 40).Select(i => new FeatureSpec { Name = $"f{i}", Type = FeatureType.Numeric })],
    };

    [Fact]
    public void Features_go_in_groups_of_32_and_a_model_without_features_still_has_one()
    {
        // 40 features: 32 in "m/0", 40 − 32 = 8 in "m/1".
        Assert.Equal([("m/0", 0, 32), ("m/1", 32, 8)], FeatureGroups.Of("m", new ModelSchema(s_wide)));
        Assert.Equal([("m/0", 0, 2)], FeatureGroups.Of("m", new ModelSchema(TestLog.Definition)));
        Assert.Equal([("m/0", 0, 0)], FeatureGroups.Of("m", new ModelSchema(TestLog.Definition with { Features = [] })));
    }

    [Fact]
    public void Each_group_gets_its_features_of_every_bucket_outputs_go_to_group_0_and_the_last_bucket_is_confirmed()
    {
        var prediction = new SummaryColumn(new FixedHistogramState(false, [0, 1], [], [1], 0), null);
        var delivery = new WindowDelivery(null, [Summary(4, prediction), Summary(5, prediction)], revision: 3, s_wide, countsSchemaChanges: false);

        var first = delivery.For(0, 32);
        var second = delivery.For(32, 8);

        // Violations of bucket i are 0, 1, …, 39 (one per feature): group 1 holds features 32 … 39.
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (long)i), first.Summaries[1].Violations);
        Assert.Equal(Enumerable.Range(32, 8).Select(i => (long)i), second.Summaries[1].Violations);
        Assert.Equal((2, 8, 8), (second.Summaries.Length, second.Summaries[0].Features.Length, second.Summaries[0].Trained.Length));
        Assert.Same(prediction, first.Summaries[0].Prediction);
        Assert.Null(second.Summaries[0].Prediction);
        Assert.Null(first.Profile);
        Assert.Equal(s_wide.Monitoring.Drift, first.Drift);
        // Two buckets carried, the last one of index 5, on reference revision 3.
        Assert.Equal(2, delivery.Buckets);
        Assert.Equal((3, 5L), delivery.Confirmed);
        Assert.Equal((3, -1L), new WindowDelivery(null, [], 3, s_wide, false).Confirmed);
    }

    private static BucketSummary Summary(long index, SummaryColumn prediction) =>
        new(3, index, index * 60, (index + 1) * 60, index, index, 10, new SummaryColumn[40], prediction, null,
            new FixedHistogramState[40], [.. Enumerable.Range(0, 40).Select(i => (long)i)]);
}
