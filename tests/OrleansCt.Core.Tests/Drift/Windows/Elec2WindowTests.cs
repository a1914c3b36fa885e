using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Tests.Learning;

namespace OrleansCt.Core.Tests.Drift.Windows;

/// <summary>
/// elec2 in file order, row i at i × 30 min, hourly buckets, the first 10,000 rows as reference and a one-day window.
/// vicprice, vicdemand and transfer hold one constant value in every row before 17,424 (the Victorian data starts there;
/// checked with python's csv module: the first row where any of the three differs is 17,424), so the first window
/// that holds row 17,424 — the one ending with bucket 8,712 = 17,424 × 1,800 s / 3,600 s — is the first where they drift.
/// </summary>
public sealed class Elec2WindowTests
{
    private static readonly string[] Victorian = ["vicprice", "vicdemand", "transfer"];

    [Fact]
    public void The_victorian_features_drift_first_in_the_window_that_holds_row_17424()
    {
        var schema = new ModelSchema(Elec2.Definition(new LearnerSpec()));
        var monitor = new ModelMonitor(schema);
        var reference = Rows(0, 10_000);
        monitor.SetReference(ReferenceProfiler.FromColumns(schema, 1, "test", reference.Numeric, reference.Categorical, null, reference.Labels));
        var profile = monitor.PendingProfile!;
        var summaries = new List<BucketSummary>();
        for (var start = 0; start < 20_000; start += 48)
        {
            var rows = Rows(start, start + 48);
            monitor.ObserveEvents(rows, new Predictions(2, Enumerable.Range(0, 48).SelectMany(_ => new[] { 0.3, 0.7 }).ToArray()));
            summaries.AddRange(monitor.PendingSummaries);
            monitor.Delivered(1, long.MaxValue);
        }

        var firstDrift = Victorian.ToDictionary(f => f, _ => -1L);
        for (var end = 24; end <= summaries.Count; end++)
        {
            var evaluation = DriftEvaluator.Evaluate(profile, summaries.GetRange(end - 24, 24), new DriftSpec())!;
            foreach (var drift in evaluation.Features.Where(d => d.Drifted && firstDrift.TryGetValue(d.Name, out var seen) && seen < 0))
            {
                firstDrift[drift.Name] = summaries[end - 1].Index;
            }
        }

        Assert.All(Victorian, f => Assert.Equal(8_712L, firstDrift[f]));
    }

    private static EventBatch Rows(int from, int to) => Elec2.Batch.Select(Enumerable.Range(from, to - from).ToArray()) with
    {
        Times = Enumerable.Range(from, to - from).Select(r => r * 1800.0).ToArray(),
    };
}
