using System.Buffers;
using OrleansCt.Core.Buckets;
using OrleansCt.Core.Events;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// The live, bounded picture of a model: stats of every bucket (open, and a short ring of closed ones), of the whole
/// stream, and of its reference (the first events until one is set explicitly); prequential metrics overall, per
/// bucket and with a fading factor; how labels arrive (coverage, delay, after their bucket closed). Fed in log order
/// with nothing but what the log holds, so a replay rebuilds it exactly.
/// </summary>
public sealed partial class ModelMonitor
{
    private readonly ModelSchema _schema;

    public ModelMonitor(ModelSchema schema)
    {
        _schema = schema;
        var m = schema.Definition.Monitoring;
        Buckets = new BucketSeries<StreamStats>(
            new BucketOptions { Seconds = m.BucketSeconds, Events = m.BucketEvents, AllowedLatenessSeconds = m.AllowedLatenessSeconds, Ring = m.Ring },
            () => StreamStats.Create(schema, Binning))
        {
            Closing = Close,
        };
        Overall = StreamStats.Create(schema, scale: WholeStreamScale);
        Reference = StreamStats.Create(schema, scale: WholeStreamScale);
        LabelDelays = new QuantileSketch(m.QuantileK);
        FadingClassification = schema.IsClassification ? new FadingClassificationMetrics(schema.PredictionWidth, schema.PositiveClassIndex, m.FadingFactor) : null;
        FadingRegression = schema.IsClassification ? null : new FadingRegressionMetrics(m.FadingFactor);
        Detectors = m.Detectors.Select(DetectorRun.Start).ToArray();
        OutOfRange = new long[schema.Numeric.Count];
        Unseen = new long[schema.Categorical.Count];
    }

    /// <summary>Per numeric feature, values accepted outside its [min, max] (validation policy "count").</summary>
    public long[] OutOfRange { get; private set; }

    /// <summary>Per categorical feature, values accepted outside its listed categories (validation policy "count").</summary>
    public long[] Unseen { get; private set; }

    /// <summary>The model's concept-drift detectors, fed one error per joined label.</summary>
    public DetectorRun[] Detectors { get; private set; }

    /// <summary>The whole stream's and the reference's sketches are this many times finer than a bucket's.</summary>
    public const int WholeStreamScale = 3;

    public BucketSeries<StreamStats> Buckets { get; }

    public StreamStats Overall { get; private set; }

    /// <summary>
    /// The first <see cref="MonitoringSpec.ReferenceEvents"/> events while they are being gathered; once its quantiles
    /// have fixed the histogram bins, only the bins are kept (null afterwards).
    /// </summary>
    public StreamStats? Reference { get; private set; }

    /// <summary>Empty histograms on the reference's bins, copied into every new bucket; null until a reference is set or gathered.</summary>
    public ReferenceBinning? Binning { get; private set; }

    public long ReferenceEvents { get; private set; }

    public QuantileSketch LabelDelays { get; private set; }

    public long Events { get; private set; }

    public long LabelledEvents { get; private set; }

    public long LabelsAfterClose { get; private set; }

    public FadingClassificationMetrics? FadingClassification { get; private set; }

    public FadingRegressionMetrics? FadingRegression { get; private set; }

    /// <summary>
    /// Counts a batch of events (the log entry at <paramref name="sequence"/>), the predictions served for them and the labels it carries
    /// (backfill), before any bucket the batch completes closes, so a closing bucket holds its own labels. Returns the number of labels.
    /// </summary>
    /// <remarks>
    /// The rows are routed in order, a block at once where every row of it goes to the bucket routed to last (routing counts events and
    /// late events and may open buckets, so anything else goes row by row), and fed a run at a time, a run being consecutive rows that go
    /// to the same bucket (usually the whole batch). Each run leaves every sketch bit for bit as the row-by-row feed
    /// (<see cref="ObserveEventsRowByRow"/>) does: the numeric columns and the scores go into the bucket's, the whole stream's and, while it
    /// is gathered, the reference's sketches with the multi-column add, the histograms count a column at a time, the served classes are
    /// tallied once per run and added a class at a time in the order they first came, and the co-moments take the run's rows in order;
    /// categorical values go row by row.
    /// </remarks>
    public int ObserveEvents(EventBatch batch, Predictions predictions, long sequence = 0)
    {
        CountUnseen(batch);
        var d = Drift.Windows.MultivariateReference.Dimensions(batch.Numeric.Length);
        var joint = d == 0 ? null : d == batch.Numeric.Length ? batch.Numeric : batch.Numeric[..d];
        var at = _schema.IsClassification ? _schema.PositiveClassIndex : 0;
        var rented = predictions.Width == 1 && at == 0 ? null : ArrayPool<double>.Shared.Rent(batch.Count);
        try
        {
            // The served score of every row (P(positive class), or the value) as a column, after the numeric features.
            var scores = rented ?? predictions.Scores;
            if (rented is not null)
            {
                for (var row = 0; row < batch.Count; row++)
                {
                    scores[row] = predictions.Scores[(row * predictions.Width) + at];
                }
            }

            var columns = new double[batch.Numeric.Length + 1][];
            batch.Numeric.CopyTo(columns, 0);
            columns[^1] = scores;

            Bucket<StreamStats>? current = null;
            var start = 0;
            var times = batch.Times;
            for (var row = 0; row < batch.Count;)
            {
                var block = Math.Min(RouteBlock, batch.Count - row);
                if (Buckets.RouteAll(times.AsSpan(row, block)) is { } all)
                {
                    all.Holds(sequence);
                    if (all != current)
                    {
                        if (current is not null)
                        {
                            AddRun(current, batch, predictions, columns, joint, start, row);
                        }

                        (current, start) = (all, row);
                    }

                    row += block;
                    continue;
                }

                for (var end = row + block; row < end; row++)
                {
                    var bucket = Buckets.Route(times[row]);
                    bucket.Holds(sequence);
                    if (bucket != current)
                    {
                        if (current is not null)
                        {
                            AddRun(current, batch, predictions, columns, joint, start, row);
                        }

                        (current, start) = (bucket, row);
                    }
                }
            }

            if (current is not null)
            {
                AddRun(current, batch, predictions, columns, joint, start, batch.Count);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        Events += batch.Count;
        CountNewFeatures(batch);
        var labels = ObserveEntryLabels(batch, predictions, sequence);
        Buckets.Advance();
        return labels;
    }

    // Rows routed at once when they all go to the bucket routed to last; a block that does not is routed row by row.
    internal const int RouteBlock = 256;

    /// <summary>
    /// The row-by-row feed that <see cref="ObserveEvents"/> replaced, kept as the reference it must match bit for bit (the tests feed the
    /// same batches both ways and compare the checkpoints).
    /// </summary>
    internal void ObserveEventsRowByRow(EventBatch batch, Predictions predictions, long sequence = 0)
    {
        CountViolations(batch);
        var d = Drift.Windows.MultivariateReference.Dimensions(batch.Numeric.Length);
        var joint = d == 0 ? null : d == batch.Numeric.Length ? batch.Numeric : batch.Numeric[..d];
        for (var row = 0; row < batch.Count; row++)
        {
            var bucket = Buckets.Route(batch.Times[row]);
            bucket.Holds(sequence);
            AddEvent(bucket.State, batch, predictions, row);
            CountViolations(bucket.State.Violations!, batch, row);
            bucket.State.Joint?.Add(joint!, row);
            AddEvent(Overall, batch, predictions, row, numeric: bucket.Folded);
            if (Reference is not null)
            {
                AddEvent(Reference, batch, predictions, row);
                AddReferenceJoint(joint, row);
                if (++ReferenceEvents == _schema.Definition.Monitoring.ReferenceEvents)
                {
                    SetReference(AutomaticReference.Profile(_schema, Reference, ReferenceEvents, ReferenceJoint));
                }
            }
        }

        Events += batch.Count;
        CountNewFeatures(batch);
        ObserveEntryLabelsRowByRow(batch, predictions, sequence);
        Buckets.Advance();
    }

    /// <summary>
    /// Feeds rows [<paramref name="start"/>, <paramref name="end"/>), all routed to <paramref name="bucket"/>. While the reference is
    /// gathered, the run is cut after the event that completes it: setting the reference gives the open buckets new, empty histograms,
    /// which the rest of the run must go into, as row by row.
    /// </summary>
    private void AddRun(Bucket<StreamStats> bucket, EventBatch batch, Predictions predictions, double[][] columns, double[][]? joint, int start, int end)
    {
        var stats = bucket.State;
        while (start < end)
        {
            var stop = end;
            var wanted = (long)_schema.Definition.Monitoring.ReferenceEvents - ReferenceEvents;
            if (Reference is not null && wanted > 0 && wanted < end - start)
            {
                stop = start + (int)wanted;
            }

            CountViolations(stats.Violations, batch, start, stop);
            stats.Joint?.Add(joint!, start, stop);

            var served = Served(predictions, start, stop);
            AddEvents(stats, batch, columns, served, start, stop);
            AddEvents(Overall, batch, columns, served, start, stop, numeric: bucket.Folded);
            if (Reference is not null)
            {
                AddEvents(Reference, batch, columns, served, start, stop);
                for (var row = start; row < stop; row++)
                {
                    AddReferenceJoint(joint, row);
                    if (++ReferenceEvents == _schema.Definition.Monitoring.ReferenceEvents)
                    {
                        SetReference(AutomaticReference.Profile(_schema, Reference, ReferenceEvents, ReferenceJoint));
                    }
                }
            }

            start = stop;
        }
    }

    // The served classes of rows [start, end) (classification), tallied once for every stats the run goes into.
    private ClassTally? Served(Predictions predictions, int start, int end)
    {
        if (!_schema.IsClassification)
        {
            return null;
        }

        _served ??= new ClassTally(Math.Max(predictions.Width, _schema.Definition.Classes.Count));
        _served.Clear();
        _served.AddServed(predictions, start, end);
        return _served;
    }

    private ClassTally? _served;

    /// <summary>
    /// Rows [<paramref name="start"/>, <paramref name="end"/>) into one stats: the numeric columns and the scores (the last of
    /// <paramref name="columns"/>) with the multi-column add, the histograms a column at a time, the served classes from their tally,
    /// categorical values row by row. Without <paramref name="numeric"/> the numeric sketches (features and scores) are left out: the whole
    /// stream's take a bucket's when it closes.
    /// </summary>
    private void AddEvents(StreamStats stats, EventBatch batch, double[][] columns, ClassTally? served, int start, int end, bool numeric = true)
    {
        var length = end - start;
        if (numeric)
        {
            NumericSketch.Add(stats.ColumnSketches, columns, start, length);
        }

        var histograms = stats.Histograms;
        if (histograms is not null)
        {
            for (var f = 0; f < batch.Numeric.Length; f++)
            {
                ((NumericHistogram)histograms[f]).Add(batch.Numeric[f].AsSpan(start, length));
            }
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            var column = batch.Categorical[f];
            var sketch = stats.Categorical[f];
            var histogram = (CategoricalHistogram?)histograms?[batch.Numeric.Length + f];
            for (var row = start; row < end; row++)
            {
                sketch.Add(column[row]);
                histogram?.Add(column[row]);
            }
        }

        ((NumericHistogram?)stats.PredictionHistogram)?.Add(columns[^1].AsSpan(start, length));
        served?.AddTo(stats.PredictedClasses!, _schema.Definition.Classes);
    }

    /// <summary>
    /// Counts a label joined to its event (a row of the log entry at <paramref name="eventSequence"/>) and the
    /// prediction served for it: into the bucket the event belongs to — by its time, or by its entry when buckets count
    /// events — when that bucket is still kept, even if it has closed since; and into the whole stream.
    /// </summary>
    public void ObserveLabel(EventBatch events, int row, ReadOnlySpan<double> prediction, double label, double delaySeconds, long eventSequence = 0)
    {
        LabelledEvents++;
        LabelDelays.Add(Math.Max(0, delaySeconds));
        var owner = _schema.Definition.Monitoring.BucketSeconds is null ? Buckets.FindBySequence(eventSequence) : Buckets.Find(events.Times[row]);
        if (owner is { } bucket)
        {
            if (bucket.Closed)
            {
                bucket.LabelsAfterClose++;
                LabelsAfterClose++;
            }

            AddLabel(bucket.State, prediction, label);
            AddTrained(bucket.State, events, row);
        }

        // The value and metrics of a label whose bucket is open reach the whole stream when the bucket is folded in.
        AddLabel(Overall, prediction, label, folded: owner is not { Folded: false });
        ObserveError(prediction, label);
    }

    /// <summary>
    /// The labels an event entry carries, from <see cref="ObserveEvents"/> before its buckets may close: bit for bit what
    /// <see cref="ObserveEntryLabelsRowByRow"/> does (that is, <see cref="ObserveLabel"/> on each labelled row in order). For classification
    /// with every labelled row valid (a finite probability per class, a label that is a class), each row's argmax and log loss are worked
    /// out once for the bucket's, the whole stream's and the fading metrics, and the label classes (and a categorical label histogram) are
    /// tallied a run of same-bucket rows at a time for the bucket and once for the whole stream, then added a class at a time in the order
    /// they first came; anything else goes the row-by-row way, which refuses a bad row where it always did. Returns the number of labels.
    /// </summary>
    private int ObserveEntryLabels(EventBatch events, Predictions predictions, long sequence)
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
        var (blockOwner, blockEnd, shared) = (byCount ? Buckets.FindBySequence(sequence) : null, byCount ? labels.Length : 0, byCount);
        for (var row = 0; row <= labels.Length; row++)
        {
            if (row == blockEnd && row < labels.Length)
            {
                blockEnd = Math.Min(labels.Length, row + RouteBlock);
                shared = Buckets.TryFindAll(events.Times.AsSpan(row, blockEnd - row), out blockOwner);
            }

            var label = row < labels.Length ? labels[row] : double.NaN;
            var owner = double.IsNaN(label) ? null : shared ? blockOwner : Buckets.Find(events.Times[row]);
            if (run is not null && (owner != run || double.IsNaN(label)))
            {
                AddTrained(run.State, events, runStart, row);
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
            if (Overall.LabelHistogram is NumericHistogram whole)
            {
                whole.Add(label);
            }

            if (owner is not { Folded: false })
            {
                Overall.Classification!.Observe(prediction, k, predicted, logLoss);
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

        AddLabelClasses(Overall, overall);
        AddDelays(observed);
        return observed;
    }

    private ClassTally? _overallLabels;
    private ClassTally? _runLabels;

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
    private int ObserveEntryLabelsRowByRow(EventBatch events, Predictions predictions, long sequence)
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
            var owner = double.IsNaN(label) ? null : byCount ? Buckets.FindBySequence(sequence) : Buckets.Find(events.Times[row]);
            if (run is not null && (owner != run || double.IsNaN(label)))
            {
                AddTrained(run.State, events, runStart, row);
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

            AddLabel(Overall, prediction, label, folded: owner is not { Folded: false });
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

    private void CountViolations(EventBatch batch)
    {
        for (var f = 0; f < batch.Numeric.Length; f++)
        {
            var (min, max) = (_schema.Numeric[f].Min ?? double.NegativeInfinity, _schema.Numeric[f].Max ?? double.PositiveInfinity);
            foreach (var x in batch.Numeric[f])
            {
                OutOfRange[f] += x < min || x > max ? 1 : 0;
            }
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            if (_schema.CategorySets[f] is { } known)
            {
                foreach (var category in batch.Categorical[f])
                {
                    Unseen[f] += category is not null && !known.Contains(category) ? 1 : 0;
                }
            }
        }
    }

    /// <summary>A bucket closes: its numeric sketches and metrics are folded into the whole stream's, and it is summarized for the feature windows.</summary>
    private void Close(Bucket<StreamStats> bucket)
    {
        if (!bucket.Folded)
        {
            Overall.Fold(bucket.State);
            bucket.Folded = true;
        }

        Summarize(bucket);
    }

    /// <summary>
    /// The whole stream's stats: <see cref="Overall"/>, whose numeric sketches and metrics hold the closed buckets only, with those of the open buckets
    /// merged in (copies: the monitor is not changed).
    /// </summary>
    public StreamStats WholeStream()
    {
        var open = Buckets.Open.Where(b => !b.Folded).ToList();
        return open.Count == 0 ? Overall : Overall.WithFolded(open.Select(b => b.State));
    }

    /// <summary>The categorical half of the batch-wide counts (<see cref="Unseen"/>); the numeric half, <see cref="OutOfRange"/>, is counted run by run.</summary>
    private void CountUnseen(EventBatch batch)
    {
        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            if (_schema.CategorySets[f] is { } known)
            {
                foreach (var category in batch.Categorical[f])
                {
                    Unseen[f] += category is not null && !known.Contains(category) ? 1 : 0;
                }
            }
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

    private void AddEvent(StreamStats stats, EventBatch batch, Predictions predictions, int row, bool numeric = true)
    {
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
        ((NumericHistogram?)stats.PredictionHistogram)?.Add(scores[_schema.IsClassification ? _schema.PositiveClassIndex : 0]);
        if (numeric)
        {
            stats.Scores.Add(scores[_schema.IsClassification ? _schema.PositiveClassIndex : 0]);
        }

        if (_schema.IsClassification)
        {
            stats.PredictedClasses!.Add(_schema.Definition.Classes[predictions.ArgMax(row)]);
        }
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

    public MonitorState ToState() => new(
        Buckets.Watermark,
        Buckets.MaxEventTime,
        Buckets.LateEvents,
        Buckets.Closed.Concat(Buckets.Open).Select(b => new BucketState(b.Index, b.Closed, b.Events, b.Late, b.LabelsAfterClose, b.FirstSequence, b.LastSequence, StreamStatsState.Of(b.State), b.Folded)).ToArray(),
        StreamStatsState.Of(Overall),
        Reference is null ? null : StreamStatsState.Of(Reference),
        ReferenceEvents,
        Binning?.Features.Select(h => h.ToState()).ToArray(),
        LabelDelays.ToState(),
        Events,
        LabelledEvents,
        LabelsAfterClose,
        FadingClassification?.ToState(),
        FadingRegression?.ToState(),
        Detectors.Select(d => d.ToState()).ToArray(),
        OutOfRange.ToArray(),
        Unseen.ToArray(),
        Binning?.Prediction?.ToState(),
        Binning?.Label?.ToState(),
        ReferenceRevision,
        MissingShares,
        PendingProfile,
        [.. PendingSummaries],
        LastSummarized,
        DroppedSummaries,
        ReferenceJoint?.Select(c => c.ToState()).ToArray());

    public static ModelMonitor FromState(ModelSchema schema, MonitorState state)
    {
        var monitor = new ModelMonitor(schema)
        {
            Overall = state.Overall.Restore(),
            Reference = state.Reference?.Restore(),
            ReferenceEvents = state.ReferenceEvents,
            Binning = state.Bins is null ? null : new ReferenceBinning(
                state.Bins.Select(FixedHistogram.FromState).ToArray(),
                state.PredictionBins is null ? null : FixedHistogram.FromState(state.PredictionBins),
                state.LabelBins is null ? null : FixedHistogram.FromState(state.LabelBins)),
            ReferenceRevision = state.ReferenceRevision,
            MissingShares = state.MissingShares,
            PendingProfile = state.PendingProfile,
            LastSummarized = state.LastSummarized,
            DroppedSummaries = state.DroppedSummaries,
            ReferenceJoint = state.ReferenceJoint?.Select(Drift.Multivariate.CoMoments.FromState).ToList(),
            LabelDelays = QuantileSketch.FromState(state.LabelDelays),
            Events = state.Events,
            LabelledEvents = state.LabelledEvents,
            LabelsAfterClose = state.LabelsAfterClose,
            FadingClassification = state.FadingClassification is null ? null : FadingClassificationMetrics.FromState(state.FadingClassification),
            FadingRegression = state.FadingRegression is null ? null : FadingRegressionMetrics.FromState(state.FadingRegression),
        };
        monitor.OutOfRange = state.OutOfRange?.ToArray() ?? monitor.OutOfRange;
        monitor.Unseen = state.Unseen?.ToArray() ?? monitor.Unseen;
        monitor.PendingSummaries.AddRange(state.PendingSummaries ?? []);
        if (state.Detectors is { } detectors)
        {
            monitor.Detectors = schema.Definition.Monitoring.Detectors.Select((spec, i) => DetectorRun.FromState(spec, detectors[i])).ToArray();
        }

        var buckets = state.Buckets.Select(b =>
        {
            var bucket = monitor.Buckets.Shape(b.Index, b.Stats.Restore());
            bucket.Restore(b.Closed, b.Events, b.Late, b.LabelsAfterClose, b.FirstSequence, b.LastSequence);
            bucket.Folded = b.Folded ?? true;
            return bucket;
        });
        monitor.Buckets.Restore(state.Watermark, state.MaxEventTime, state.LateEvents, buckets.ToList());
        return monitor;
    }
}
