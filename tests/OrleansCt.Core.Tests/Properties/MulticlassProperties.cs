using CsCheck;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Properties;

/// <summary>A multiclass learner on any accepted values and any finite weights: every prediction is finite probabilities that sum to 1.</summary>
public sealed class MulticlassProperties
{
    private const int Classes = 3;
    private const int Features = 2;

    private static ModelSchema Schema(string loss, bool standardize, double learningRate) => new(new ModelDefinition
    {
        Task = ModelTask.Multiclass,
        Target = "y",
        Classes = ["a", "b", "c"],
        Features = [.. Enumerable.Range(0, Features).Select(i => new FeatureSpec { Name = $"x{i}", Type = FeatureType.Numeric })],
        Learner = new LearnerSpec { Loss = loss, Standardize = standardize, Schedule = "constant", LearningRate = learningRate, L2 = 0 },
    });

    private static readonly Gen<ModelSchema> Schemas =
        from loss in Gen.OneOf("log", "hinge")
        from standardize in Gen.Bool
        from rate in Gen.OneOf(0.01, 1.0, 1e10)
        select Schema(loss, standardize, rate);

    private static Gen<EventBatch> Batch(bool labelled) =>
        from rows in Gen.Int[1, 12]
        from numeric in ExtremeDoubles.Reachable.Array[rows].Array[Features]
        from labels in Gen.Int[0, Classes - 1].Select(i => (double)i).Array[rows]
        select new EventBatch
        {
            Ids = Enumerable.Range(0, rows).Select(i => $"e{i}").ToArray(),
            Times = new double[rows],
            Numeric = numeric,
            Categorical = [],
            Labels = labelled ? labels : null,
        };

    /// <summary>Each row's probabilities are finite, within [0, 1], and sum to 1 up to rounding.</summary>
    private static void Probabilities(double[] scores)
    {
        for (var row = 0; row < scores.Length / Classes; row++)
        {
            var p = scores.AsSpan(row * Classes, Classes).ToArray();
            Assert.All(p, v => Assert.True(double.IsFinite(v) && v is >= 0 and <= 1, $"row {row}: {string.Join(", ", p)}"));
            Assert.True(Math.Abs(p.Sum() - 1) < 1e-12, $"row {row} sums to {p.Sum()}: {string.Join(", ", p)}");
        }
    }

    [Fact]
    public void Any_finite_weights_and_any_accepted_inputs_give_finite_probabilities_that_sum_to_1()
    {
        var gen =
            from schema in Schemas
            from weights in ExtremeDoubles.Finite.Array[Classes * Features]
            from intercepts in ExtremeDoubles.Finite.Array[Classes]
            from batch in Batch(labelled: false)
            select (schema, weights, intercepts, batch);
        gen.Sample(c =>
        {
            var learner = OnlineLearner.Restore(c.schema, OnlineLearner.Create(c.schema).ExportState() with { Weights = c.weights, Intercepts = c.intercepts });
            var all = learner.PredictAll(c.batch).Scores;
            Probabilities(all);
            for (var row = 0; row < c.batch.Count; row++)
            {
                var one = new double[Classes];
                learner.Predict(c.batch, row, one);
                Assert.Equal(all.AsSpan(row * Classes, Classes).ToArray(), one);
            }
        }, seed: null, time: ExtremeDoubles.Seconds, threads: ExtremeDoubles.Threads);
    }

    [Fact]
    public void Learning_from_any_accepted_inputs_keeps_every_prediction_finite_and_the_state_restorable()
    {
        var gen =
            from schema in Schemas
            from batches in Batch(labelled: true).List[1, 4]
            select (schema, batches);
        gen.Sample(c =>
        {
            var learner = OnlineLearner.Create(c.schema);
            foreach (var batch in c.batches)
            {
                Probabilities(learner.PredictThenLearn(batch, Classes).Scores);
                Probabilities(learner.PredictAll(batch).Scores);
            }

            var restored = OnlineLearner.Restore(c.schema, learner.ExportState());
            Probabilities(restored.PredictAll(c.batches[0]).Scores);
        }, seed: null, time: ExtremeDoubles.Seconds, threads: ExtremeDoubles.Threads);
    }
}
