using System.Text.Json;
using CsCheck;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Properties;

/// <summary>Whatever values a monitor and a learner accept, every later read answers: the checkpoint round-trips, the stats and drift answers serialize with the HTTP convention, the learner's state restores.</summary>
public sealed class MonitorProperties
{
    private const int Features = 3;

    private static ModelSchema Schema(ModelTask task) => new(new ModelDefinition
    {
        Task = task,
        Target = "y",
        Classes = task == ModelTask.Binary ? ["no", "yes"] : [],
        Features =
        [
            .. Enumerable.Range(0, Features).Select(i => new FeatureSpec { Name = $"x{i}", Type = FeatureType.Numeric }),
            new FeatureSpec { Name = "c", Type = FeatureType.Categorical, Categories = ["a", "b"] },
        ],
        Learner = new LearnerSpec(),
        Monitoring = new MonitoringSpec { BucketSeconds = null, BucketEvents = 8, ReferenceEvents = 12, Ring = 4 },
    });

    private static Gen<EventBatch> Batch(ModelTask task) =>
        from rows in Gen.Int[1, 24]
        from numeric in ExtremeDoubles.Reachable.Array[rows].Array[Features]
        from labels in (task == ModelTask.Binary ? Gen.Int[0, 1].Select(i => (double)i) : ExtremeDoubles.Finite).Array[rows]
        from labelled in Gen.Bool
        select new EventBatch
        {
            Ids = Enumerable.Range(0, rows).Select(i => $"e{i}").ToArray(),
            Times = Enumerable.Range(0, rows).Select(i => (double)i).ToArray(),
            Numeric = numeric,
            Categorical = [Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? null : i % 2 == 0 ? "a" : "b").ToArray()],
            Labels = labelled ? labels : null,
        };

    [Theory]
    [InlineData(ModelTask.Binary)]
    [InlineData(ModelTask.Regression)]
    public void Any_accepted_values_leave_every_read_answerable_and_finite(ModelTask task) => Check(task, drift: false);

    [Theory]
    [InlineData(ModelTask.Binary)]
    [InlineData(ModelTask.Regression)]
    public void Any_accepted_values_leave_the_drift_answer_finite(ModelTask task) => Check(task, drift: true);

    private static void Check(ModelTask task, bool drift)
    {
        var schema = Schema(task);
        var width = task == ModelTask.Binary ? 2 : 1;
        Batch(task).List[1, 5].Sample(batches =>
        {
            var monitor = new ModelMonitor(schema);
            var learner = OnlineLearner.Create(schema);
            long sequence = 0;
            foreach (var batch in batches)
            {
                var predictions = learner.PredictThenLearn(batch, width);
                monitor.ObserveEvents(batch, predictions, ++sequence);
            }

            // The checkpoint round-trips bit for bit and restores.
            var json = MonitorStateJson.Write(monitor.ToState());
            var restored = ModelMonitor.FromState(schema, MonitorStateJson.Read(json, schema));
            Assert.Equal(json, MonitorStateJson.Write(restored.ToState()));

            // The stats answer serializes with the HTTP convention (which refuses NaN and infinities) and flags what it leaves out.
            var stats = StatsReport.Build("m", schema, restored, WindowSpec.All, 0);
            FiniteJson.Check(JsonSerializer.SerializeToUtf8Bytes(stats, JsonDefaults.Options));
            FiniteJson.CheckFlagged(stats);

            // Drift over what the outbox holds answers too.
            if (drift && restored.PendingProfile is { } profile && restored.PendingSummaries.Count > 0)
            {
                var evaluation = DriftEvaluator.Evaluate(profile, restored.PendingSummaries, schema.Definition.Monitoring.Drift);
                FiniteJson.Check(JsonSerializer.SerializeToUtf8Bytes(evaluation, JsonDefaults.Options));
                Assert.Equal(DriftJson.Write(profile), DriftJson.Write(DriftJson.Read<ReferenceProfile>(DriftJson.Write(profile))));
            }

            // The learner restores from its state and still predicts finite scores for an ordinary row.
            var again = OnlineLearner.Restore(schema, learner.ExportState());
            var ordinary = batches[0] with { Numeric = Enumerable.Range(0, Features).Select(_ => Enumerable.Repeat(1.0, batches[0].Count).ToArray()).ToArray(), Labels = null };
            Assert.All(again.PredictAll(ordinary).Scores, s => Assert.True(double.IsFinite(s), $"score {s}"));
        }, seed: null, time: ExtremeDoubles.Seconds, threads: ExtremeDoubles.Threads);
    }
}
