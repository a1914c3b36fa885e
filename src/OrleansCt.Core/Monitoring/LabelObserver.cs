using OrleansCt.Core.Buckets;
using OrleansCt.Core.Events;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// Observes joined labels, both those that come later and those an event entry carries: how they arrive (coverage, delay, after their
/// bucket closed), the label and trained-row stats of their bucket and of the whole stream, the fading metrics and the concept-drift
/// detectors fed with each label's error.
/// </summary>
internal sealed class LabelObserver
{
    private readonly ModelSchema _schema;
    private readonly BucketSeries<StreamStats> _buckets;
    private readonly StreamStats _overall;
    private ClassTally? _overallLabels;
    private ClassTally? _runLabels;

    public LabelObserver(ModelSchema schema, BucketSeries<StreamStats> buckets, StreamStats overall)
    {
        _schema = schema;
        _buckets = buckets;
        _overall = overall;
        var m = schema.Definition.Monitoring;
        LabelDelays = new QuantileSketch(m.QuantileK);
        FadingClassification = schema.IsClassification ? new FadingClassificationMetrics(schema.PredictionWidth, schema.PositiveClassIndex, m.FadingFactor) : null;
        FadingRegression = schema.IsClassification ? null : new FadingRegressionMetrics(m.FadingFactor);
        Detectors = m.Detectors.Select(DetectorRun.Start).ToArray();
    }

    /// <summary>The model's concept-drift detectors, fed one error per joined label.</summary>
    public DetectorRun[] Detectors { get; private set; }

    public QuantileSketch LabelDelays { get; private set; }

    public long LabelledEvents { get; private set; }

    public long LabelsAfterClose { get; private set; }

    public FadingClassificationMetrics? FadingClassification { get; private set; }

    public FadingRegressionMetrics? FadingRegression { get; private set; }

    /// <summary>
    /// Counts a label joined to its event (a row of the log entry at <paramref name="eventSequence"/>) and the
    /// prediction served for it: into the bucket the event belongs to — by its time, or by its entry when buckets count
    /// events — when that bucket is still kept, even if it has closed since; and into the whole stream.
    /// </summary>
    public void ObserveLabel(EventBatch events, int row, ReadOnlySpan<double> prediction, double label, double delaySeconds, long eventSequence = 0)
    {
        LabelledEvents++;
        LabelDelays.Add(Math.Max(0, delaySeconds));
        var owner = _schema.Definition.Monitoring.BucketSeconds is null ? _buckets.FindBySequence(eventSequence) : _buckets.Find(events.Times[row]);
        if (owner is { } bucket)
        {
            if (bucket.Closed)
            {
                bucket.LabelsAfterClose++;
                LabelsAfterClose++;
            }

            AddLabel(bucket.State, prediction, label);
            bucket.State.AddTrained(events, row);
        }

        // The value and metrics of a label whose bucket is open reach the whole stream when the bucket is folded in.
        AddLabel(_overall, prediction, label, folded: owner is not { Folded: false });
        ObserveError(prediction, label);
    }

    /// <summary>
    /// The labels an event entry carries, from <see cref="ModelMonitor.ObserveEvents"/> before its buckets may close: bit for bit what
    /// <see cref="ObserveEntryLabelsRowByRow"/> does (that is, <see cref="ObserveLabel"/> on each labelled row in order). For classification
    /// with every labelled row valid (a finite probability per class, a label that is a class), each row's argmax and log loss are worked
    /// out once for the bucket's, the whole stream's and the fading metrics, and the label classes (and a categorical label histogram) are
    /// tallied a run of same-bucket rows at a time for the bucket and once for the whole stream, then added a class at a time in the order
    /// they first came; anything else goes the row-by-row way, which refuses a bad row where it always did. Returns the number of labels.
    /// </summary>
    public int ObserveEntryLabels(EventBatch events, Predictions predictions, long sequence)
    {
        var labels = events.Labels;
        if (labels is null)
        {
            return 0;
        }

        var classes = _schema.Definition.Classes;
        if (!_schema.IsClassification || !Valid(labels, predictions, classes.Count))
        {
            return ObserveEntryLabelsRowByRow(events, predictions, sequence);
        }

        var byCount = _schema.Definition.Monitoring.BucketSeconds is null;
        var width = predictions.Width;
        var scores = predictions.Scores;
        var overall = _overallLabels ??= new ClassTally(classes.Count);
        var tally = _runLabels ??= new ClassTally(classes.Count);
        overall.Clear();
        var observed = 0;
        Bucket<StreamStats>? run = null;
        var runStart = 0;

        // The bucket of the rows up to blockEnd when they share one (by count, the entry's for every row: the buckets do not change here).
        var (blockOwner, blockEnd, shared) = (byCount ? _buckets.FindBySequence(sequence) : null, byCount ? labels.Length : 0, byCount);
        for (var row = 0; row <= labels.Length; row++)
        {
            if (row == blockEnd && row < labels.Length)
            {
                blockEnd = Math.Min(labels.Length, row + ModelMonitor.RouteBlock);
                shared = _buckets.TryFindAll(events.Times.AsSpan(row, blockEnd - row), out blockOwner);
            }

            var label = row < labels.Length ? labels[row] : double.NaN;
            var owner = double.IsNaN(label) ? null : shared ? blockOwner : _buckets.Find(events.Times[row]);
            if (run is not null && (owner != run || double.IsNaN(label)))
            {
                run.State.AddTrained(events, runStart, row);
                AddLabelClasses(run.State, tally);
                run = null;
            }

            if (double.IsNaN(label))
            {
                continue;
            }

            observed++;
            LabelledEvents++;
            var k = (int)label;
            var prediction = scores.AsSpan(row * width, width);
            var predicted = Metrics.ProbabilityRow.ArgMax(prediction);
            var logLoss = Metrics.ProbabilityRow.LogLoss(prediction, k);
            if (owner is { } bucket)
            {
                if (bucket.Closed)
                {
                    bucket.LabelsAfterClose++;
                    LabelsAfterClose++;
                }

                if (run is null)
                {
                    (run, runStart) = (bucket, row);
                    tally.Clear();
                }

                tally.Add(k);
                var stats = bucket.State;
                if (stats.LabelHistogram is NumericHistogram values)
                {
                    values.Add(label);
                }

                stats.Classification!.Observe(prediction, k, predicted, logLoss);
            }

            overall.Add(k);
            if (_overall.LabelHistogram is NumericHistogram whole)
            {
                whole.Add(label);
            }

            if (owner is not { Folded: false })
            {
                _overall.Classification!.Observe(prediction, k, predicted, logLoss);
            }

            FadingClassification!.Observe(k, predicted, logLoss);
            if (Detectors.Length > 0)
            {
                var error = predicted == k ? 0.0 : 1.0;
                foreach (var detector in Detectors)
                {
                    detector.Observe(error, LabelledEvents - 1);
                }
            }
        }

        AddLabelClasses(_overall, overall);
        AddDelays(observed);
        return observed;
    }

    // Whether every labelled row passes the metrics' checks, so that the tallied path cannot stop halfway.
    private static bool Valid(double[] labels, Predictions predictions, int classes)
    {
        var width = predictions.Width;
        if (width != classes || predictions.Scores.Length < labels.Length * width)
        {
            return false;
        }

        for (var row = 0; row < labels.Length; row++)
        {
            var label = labels[row];
            if (!double.IsNaN(label) && !Metrics.ProbabilityRow.Valid(predictions.Scores.AsSpan(row * width, width), (int)label, classes))
            {
                return false;
            }
        }

        return true;
    }

    // The tallied label classes into the stats' label-class sketch and, when it bins classes, its label histogram.
    private void AddLabelClasses(StreamStats stats, ClassTally tally)
    {
        tally.AddTo(stats.LabelClasses!, _schema.Definition.Classes);
        if (stats.LabelHistogram is CategoricalHistogram histogram)
        {
            tally.AddTo(histogram, _schema.Definition.Classes);
        }
    }

    /// <summary>
    /// The labels an event entry carries (backfill: events sent with their labels, delay 0), from the row-by-row feed (and from
    /// <see cref="ObserveEntryLabels"/> for what its own path does not take) before its buckets may close: the same as
    /// <see cref="ObserveLabel"/> on each labelled row in order, with the rows' trained-feature histograms filled a run of same-bucket rows
    /// at a time (counts, so in any order the same) and the delays added in one go (the sketch's column add equals its single adds).
    /// Returns the number of labels.
    /// </summary>
    public int ObserveEntryLabelsRowByRow(EventBatch events, Predictions predictions, long sequence)
    {
        var labels = events.Labels;
        if (labels is null)
        {
            return 0;
        }

        var byCount = _schema.Definition.Monitoring.BucketSeconds is null;
        var observed = 0;
        Bucket<StreamStats>? run = null;
        var runStart = 0;
        for (var row = 0; row <= labels.Length; row++)
        {
            var label = row < labels.Length ? labels[row] : double.NaN;
            var owner = double.IsNaN(label) ? null : byCount ? _buckets.FindBySequence(sequence) : _buckets.Find(events.Times[row]);
            if (run is not null && (owner != run || double.IsNaN(label)))
            {
                run.State.AddTrained(events, runStart, row);
                run = null;
            }

            if (double.IsNaN(label))
            {
                continue;
            }

            observed++;
            LabelledEvents++;
            var prediction = predictions.Row(row);
            if (owner is { } bucket)
            {
                if (bucket.Closed)
                {
                    bucket.LabelsAfterClose++;
                    LabelsAfterClose++;
                }

                AddLabel(bucket.State, prediction, label);
                if (run is null)
                {
                    (run, runStart) = (bucket, row);
                }
            }

            AddLabel(_overall, prediction, label, folded: owner is not { Folded: false });
            ObserveError(prediction, label);
        }

        AddDelays(observed);
        return observed;
    }

    private void ObserveError(ReadOnlySpan<double> prediction, double label)
    {
        FadingClassification?.Observe(prediction, (int)label);
        FadingRegression?.Observe(prediction[0], label);
        if (Detectors.Length > 0)
        {
            // 0/1 error of the served class (ties to the lowest index, as everywhere), or the absolute error.
            var error = _schema.IsClassification ? (ArgMax(prediction) == (int)label ? 0.0 : 1.0) : Math.Abs(prediction[0] - label);
            foreach (var run in Detectors)
            {
                run.Observe(error, LabelledEvents - 1);
            }
        }
    }

    private void AddDelays(int zeros)
    {
        Span<double> none = stackalloc double[Math.Min(zeros, 256)];
        none.Clear();
        for (var left = zeros; left > 0; left -= none.Length)
        {
            LabelDelays.Add(none[..Math.Min(left, none.Length)]);
        }
    }

    private static int ArgMax(ReadOnlySpan<double> scores)
    {
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        return best;
    }

    private void AddLabel(StreamStats stats, ReadOnlySpan<double> prediction, double label, bool folded = true)
    {
        if (stats.LabelHistogram is CategoricalHistogram classes)
        {
            classes.Add(_schema.Definition.Classes[(int)label]);
        }
        else if (stats.LabelHistogram is NumericHistogram values)
        {
            values.Add(label);
        }

        if (_schema.IsClassification)
        {
            stats.LabelClasses!.Add(_schema.Definition.Classes[(int)label]);
            if (folded)
            {
                stats.Classification!.Observe(prediction, (int)label);
            }
        }
        else
        {
            if (folded)
            {
                stats.LabelValues!.Add(label);
                stats.Regression!.Observe(prediction[0], label);
            }
        }
    }

    public LabelObservationState ToState() => new(
        LabelDelays.ToState(),
        LabelledEvents,
        LabelsAfterClose,
        FadingClassification?.ToState(),
        FadingRegression?.ToState(),
        Detectors.Select(d => d.ToState()).ToArray());

    public static LabelObserver FromState(ModelSchema schema, BucketSeries<StreamStats> buckets, StreamStats overall, LabelObservationState state) =>
        new(schema, buckets, overall)
        {
            LabelDelays = QuantileSketch.FromState(state.Delays),
            LabelledEvents = state.LabelledEvents,
            LabelsAfterClose = state.LabelsAfterClose,
            FadingClassification = state.FadingClassification is null ? null : FadingClassificationMetrics.FromState(state.FadingClassification),
            FadingRegression = state.FadingRegression is null ? null : FadingRegressionMetrics.FromState(state.FadingRegression),
            Detectors = schema.Definition.Monitoring.Detectors.Select((spec, i) => DetectorRun.FromState(spec, state.Detectors[i])).ToArray(),
        };
}
