using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

/// <summary>The missing-rate check, against shares counted by hand.</summary>
public sealed class MissingRateCheckTests
{
    [Fact]
    public void A_feature_missing_more_than_the_tolerance_above_the_reference_is_named_and_the_other_is_not()
    {
        // 20 events: x missing in 6 → 6/20 = 0.30, 0.30 − 0.15 = 0.15 > 0.10 (the default tolerance): refused.
        // c missing in 2 → 2/20 = 0.10, 0.10 − 0.05 = 0.05 ≤ 0.10: accepted.
        var problems = MissingRateCheck.Problems(Schema("reject"), [0.15, 0.05], Batch(20, missingX: 6, missingC: 2));

        var problem = Assert.Single(problems);
        Assert.Equal("events[*].features.x", problem.Field);
        // Invariant culture writes a percentage as "30.0 %".
        Assert.Equal("is missing in 30.0 % of the batch's events against 15.0 % in the reference (more than 10 % above it)", problem.Message);
    }

    [Fact]
    public void A_share_exactly_the_tolerance_above_the_reference_passes_and_one_event_more_does_not()
    {
        // Tolerance 0.25, reference 0.25 for x: 10/20 = 0.50, 0.50 − 0.25 = 0.25, not more than 0.25 (all exact in binary);
        // 11/20 = 0.55, 0.55 − 0.25 = 0.30 > 0.25.
        var schema = Schema("reject", tolerance: 0.25);
        Assert.Empty(MissingRateCheck.Problems(schema, [0.25, 0], Batch(20, missingX: 10, missingC: 0)));
        Assert.Equal("events[*].features.x", Assert.Single(MissingRateCheck.Problems(schema, [0.25, 0], Batch(20, missingX: 11, missingC: 0))).Field);
    }

    [Fact]
    public void A_categorical_feature_counts_nulls_as_missing()
    {
        // c missing in 8 of 20 → 0.40, 0.40 − 0 = 0.40 > 0.10.
        Assert.Equal("events[*].features.c", Assert.Single(MissingRateCheck.Problems(Schema("reject"), [0, 0], Batch(20, missingX: 0, missingC: 8))).Field);
    }

    [Fact]
    public void Nothing_is_refused_below_twenty_events_without_a_reference_or_when_violations_are_only_counted()
    {
        // Every value missing (share 1.0, far above 0 + 0.10) in each case: only the condition under test lets the batch through.
        Assert.Empty(MissingRateCheck.Problems(Schema("reject"), [0, 0], Batch(MissingRateCheck.MinEvents - 1, missingX: 19, missingC: 19)));
        Assert.Empty(MissingRateCheck.Problems(Schema("reject"), null, Batch(20, missingX: 20, missingC: 20)));
        Assert.Empty(MissingRateCheck.Problems(Schema("count"), [0, 0], Batch(20, missingX: 20, missingC: 20)));
        Assert.Equal(20, MissingRateCheck.MinEvents);
    }

    private static ModelSchema Schema(string onViolation, double tolerance = 0.1) => new(new ModelDefinition
    {
        Task = ModelTask.Regression,
        Target = "y",
        Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }, new FeatureSpec { Name = "c", Type = FeatureType.Categorical }],
        Validation = new ValidationSpec { OnViolation = onViolation },
        Alerts = new AlertSpec { MissingRateTolerance = tolerance },
    });

    /// <summary>A batch of <paramref name="count"/> events whose first rows miss x and c.</summary>
    private static EventBatch Batch(int count, int missingX, int missingC) => new()
    {
        Ids = [.. Enumerable.Range(0, count).Select(i => $"e{i}")],
        Times = [.. Enumerable.Range(0, count).Select(i => (double)i)],
        Numeric = [[.. Enumerable.Range(0, count).Select(i => i < missingX ? double.NaN : i)]],
        Categorical = [[.. Enumerable.Range(0, count).Select(i => i < missingC ? null : "a")]],
    };
}
