using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Monitoring;

/// <summary>
/// The row-by-row feed that <see cref="ModelMonitor.ObserveEvents"/> replaced, kept as the reference it must match bit for bit (the tests
/// feed the same batches both ways and compare the checkpoints). It counts violations, sketches and histograms with its own single-value
/// code, so that it stays independent of the column feed it checks.
/// </summary>
internal static class RowByRowFeed
{
    public static void ObserveEventsRowByRow(this ModelMonitor monitor, EventBatch batch, Predictions predictions, long sequence = 0)
    {
        CountViolations(monitor, batch);
        var d = MultivariateReference.Dimensions(batch.Numeric.Length);
        var joint = d == 0 ? null : d == batch.Numeric.Length ? batch.Numeric : batch.Numeric[..d];
        for (var row = 0; row < batch.Count; row++)
        {
            var bucket = monitor.Buckets.Route(batch.Times[row]);
            bucket.Holds(sequence);
            AddEvent(monitor, bucket.State, batch, predictions, row);
            CountViolations(monitor, bucket.State.Violations!, batch, row);
            bucket.State.Joint?.Add(joint!, row);
            AddEvent(monitor, monitor.Overall, batch, predictions, row, numeric: bucket.Folded);
            if (monitor.Reference is { } reference)
            {
                AddEvent(monitor, reference, batch, predictions, row);
                if (monitor.Gatherer.Add(joint, row) is { } profile)
                {
                    monitor.SetReference(profile);
                }
            }
        }

        monitor.CountEntry(batch);
        monitor.Labels.ObserveEntryLabelsRowByRow(batch, predictions, sequence);
        monitor.Buckets.Advance();
    }

    // The batch-wide counts: per numeric feature the values outside its range, per categorical feature those outside its categories.
    private static void CountViolations(ModelMonitor monitor, EventBatch batch)
    {
        var schema = monitor.Schema;
        for (var f = 0; f < batch.Numeric.Length; f++)
        {
            var (min, max) = (schema.Numeric[f].Min ?? double.NegativeInfinity, schema.Numeric[f].Max ?? double.PositiveInfinity);
            foreach (var x in batch.Numeric[f])
            {
                monitor.OutOfRange[f] += x < min || x > max ? 1 : 0;
            }
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            if (schema.CategorySets[f] is { } known)
            {
                foreach (var category in batch.Categorical[f])
                {
                    monitor.Unseen[f] += category is not null && !known.Contains(category) ? 1 : 0;
                }
            }
        }
    }

    // One row's violations into its bucket's counts (numeric, then categorical).
    private static void CountViolations(ModelMonitor monitor, long[] violations, EventBatch batch, int row)
    {
        var schema = monitor.Schema;
        for (var f = 0; f < batch.Numeric.Length; f++)
        {
            var x = batch.Numeric[f][row];
            violations[f] += x < schema.Numeric[f].Min || x > schema.Numeric[f].Max ? 1 : 0;
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            if (schema.CategorySets[f] is { } known && batch.Categorical[f][row] is { } category && !known.Contains(category))
            {
                violations[batch.Numeric.Length + f]++;
            }
        }
    }

    private static void AddEvent(ModelMonitor monitor, StreamStats stats, EventBatch batch, Predictions predictions, int row, bool numeric = true)
    {
        var schema = monitor.Schema;
        for (var f = 0; f < batch.Numeric.Length && numeric; f++)
        {
            stats.Numeric[f].Add(batch.Numeric[f][row]);
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            stats.Categorical[f].Add(batch.Categorical[f][row]);
        }

        if (stats.Histograms is { } histograms)
        {
            for (var f = 0; f < batch.Numeric.Length; f++)
            {
                ((NumericHistogram)histograms[f]).Add(batch.Numeric[f][row]);
            }

            for (var f = 0; f < batch.Categorical.Length; f++)
            {
                ((CategoricalHistogram)histograms[batch.Numeric.Length + f]).Add(batch.Categorical[f][row]);
            }
        }

        var scores = predictions.Row(row);
        ((NumericHistogram?)stats.PredictionHistogram)?.Add(scores[schema.IsClassification ? schema.PositiveClassIndex : 0]);
        if (numeric)
        {
            stats.Scores.Add(scores[schema.IsClassification ? schema.PositiveClassIndex : 0]);
        }

        if (schema.IsClassification)
        {
            stats.PredictedClasses!.Add(schema.Definition.Classes[predictions.ArgMax(row)]);
        }
    }
}
