using System.Buffers;
using OrleansCt.Core.Buckets;
using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Drift.Windows;
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
/// <remarks>
/// It routes events to buckets and feeds their stats; the rest is done by its parts: <see cref="DataQualityCounter"/>,
/// <see cref="LabelObserver"/>, <see cref="DriftOutbox"/> and <see cref="ReferenceGatherer"/>.
/// </remarks>
public sealed class ModelMonitor
{
    /// <summary>The whole stream's and the reference's sketches are this many times finer than a bucket's.</summary>
    public const int WholeStreamScale = 3;

    /// <summary>Names of unknown features are kept for this many names per bucket; the rest count under "other".</summary>
    public const int MaxNewFeatureNames = 32;

    // Rows routed at once when they all go to the bucket routed to last; a block that does not is routed row by row.
    internal const int RouteBlock = 256;

    private readonly ModelSchema _schema;
    private readonly DataQualityCounter _quality;
    private readonly LabelObserver _labels;
    private readonly DriftOutbox _outbox;
    private readonly ReferenceGatherer _gatherer;
    private ClassTally? _served;

    public ModelMonitor(ModelSchema schema)
        : this(schema, null)
    {
    }

    // From a checkpoint when there is one; the buckets come first, as the label observer needs them.
    private ModelMonitor(ModelSchema schema, MonitorState? state)
    {
        _schema = schema;
        var m = schema.Definition.Monitoring;
        Buckets = new BucketSeries<StreamStats>(
            new BucketOptions { Seconds = m.BucketSeconds, Events = m.BucketEvents, AllowedLatenessSeconds = m.AllowedLatenessSeconds, Ring = m.Ring },
            () => StreamStats.Create(schema, Binning))
        {
            Closing = Close,
        };
        if (state is null)
        {
            Overall = StreamStats.Create(schema, scale: WholeStreamScale);
            _quality = new DataQualityCounter(schema);
            _labels = new LabelObserver(schema, Buckets, Overall);
            _outbox = new DriftOutbox(schema);
            _gatherer = new ReferenceGatherer(schema);
            return;
        }

        Overall = state.Overall.Restore();
        Events = state.Events;
        if (state.Reference is { } reference)
        {
            Binning = new ReferenceBinning(
                reference.Features.Select(FixedHistogram.FromState).ToArray(),
                reference.Prediction is null ? null : FixedHistogram.FromState(reference.Prediction),
                reference.Label is null ? null : FixedHistogram.FromState(reference.Label));
            ReferenceRevision = reference.Revision;
            MissingShares = reference.MissingShares;
        }

        _quality = DataQualityCounter.FromState(schema, state.Quality);
        _labels = LabelObserver.FromState(schema, Buckets, Overall, state.Labels);
        _outbox = DriftOutbox.FromState(schema, state.Outbox);
        _gatherer = ReferenceGatherer.FromState(schema, state.Gathering);
        var buckets = state.Buckets.Buckets.Select(b =>
        {
            var bucket = Buckets.Shape(b.Index, b.Stats.Restore());
            bucket.Restore(b.Closed, b.Events, b.Late, b.LabelsAfterClose, b.FirstSequence, b.LastSequence);
            bucket.Folded = b.Folded ?? true;
            return bucket;
        });
        Buckets.Restore(state.Buckets.Watermark, state.Buckets.MaxEventTime, state.Buckets.LateEvents, buckets.ToList());
    }

    public BucketSeries<StreamStats> Buckets { get; }

    public StreamStats Overall { get; }

    public long Events { get; private set; }

    /// <summary>Empty histograms on the reference's bins, copied into every new bucket; null until a reference is set or gathered.</summary>
    public ReferenceBinning? Binning { get; private set; }

    /// <summary>Revision of the reference the bins come from: 0 while the first events are still being gathered.</summary>
    public int ReferenceRevision { get; private set; }

    /// <summary>Per feature (schema order), the reference's share of missing values; null until a reference is set.</summary>
    public double[]? MissingShares { get; private set; }

    /// <summary>Per numeric feature, values accepted outside its [min, max] (validation policy "count").</summary>
    public long[] OutOfRange => _quality.OutOfRange;

    /// <summary>Per categorical feature, values accepted outside its listed categories (validation policy "count").</summary>
    public long[] Unseen => _quality.Unseen;

    /// <summary>
    /// The first <see cref="MonitoringSpec.ReferenceEvents"/> events while they are being gathered; once its quantiles
    /// have fixed the histogram bins, only the bins are kept (null afterwards).
    /// </summary>
    public StreamStats? Reference => _gatherer.Stats;

    public long ReferenceEvents => _gatherer.Events;

    /// <summary>While the first events are gathered: their co-moments in <see cref="MultivariateReference.Chunks"/> consecutive chunks.</summary>
    public List<CoMoments>? ReferenceJoint => _gatherer.Joint;

    /// <summary>The model's concept-drift detectors, fed one error per joined label.</summary>
    public DetectorRun[] Detectors => _labels.Detectors;

    public QuantileSketch LabelDelays => _labels.LabelDelays;

    public long LabelledEvents => _labels.LabelledEvents;

    public long LabelsAfterClose => _labels.LabelsAfterClose;

    public FadingClassificationMetrics? FadingClassification => _labels.FadingClassification;

    public FadingRegressionMetrics? FadingRegression => _labels.FadingRegression;

    /// <summary>A reference the feature windows have not confirmed yet (an outbox: it stays until <see cref="Delivered"/>).</summary>
    public ReferenceProfile? PendingProfile => _outbox.PendingProfile;

    /// <summary>Closed buckets the feature windows have not confirmed yet, oldest first.</summary>
    public List<BucketSummary> PendingSummaries => _outbox.PendingSummaries;

    /// <summary>Closed buckets the outbox holds at most while the feature windows cannot be reached; older ones are dropped (and counted).</summary>
    public int OutboxLimit => _outbox.Limit;

    /// <summary>Closed buckets dropped from a full outbox, never scored for drift.</summary>
    public long DroppedSummaries => _outbox.DroppedSummaries;

    /// <summary>Index of the last closed bucket summarized.</summary>
    public long LastSummarized => _outbox.LastSummarized;

    /// <summary>The model's schema, for the row-by-row reference feed of the tests.</summary>
    internal ModelSchema Schema => _schema;

    /// <summary>The label observer, for the row-by-row reference feed of the tests.</summary>
    internal LabelObserver Labels => _labels;

    /// <summary>The reference gathering, for the row-by-row reference feed of the tests.</summary>
    internal ReferenceGatherer Gatherer => _gatherer;

    /// <summary>
    /// Counts a batch of events (the log entry at <paramref name="sequence"/>), the predictions served for them and the labels it carries
    /// (backfill), before any bucket the batch completes closes, so a closing bucket holds its own labels. Returns the number of labels.
    /// </summary>
    /// <remarks>
    /// The rows are routed in order, a block at once where every row of it goes to the bucket routed to last (routing counts events and
    /// late events and may open buckets, so anything else goes row by row), and fed a run at a time, a run being consecutive rows that go
    /// to the same bucket (usually the whole batch). Each run leaves every sketch bit for bit as the row-by-row feed
    /// (kept in the tests as the reference) does: the numeric columns and the scores go into the bucket's, the whole stream's and, while it
    /// is gathered, the reference's sketches with the multi-column add, the histograms count a column at a time, the served classes are
    /// tallied once per run and added a class at a time in the order they first came, and the co-moments take the run's rows in order;
    /// categorical values go row by row.
    /// </remarks>
    public int ObserveEvents(EventBatch batch, Predictions predictions, long sequence = 0)
    {
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

        CountEntry(batch);
        var labels = _labels.ObserveEntryLabels(batch, predictions, sequence);
        Buckets.Advance();
        return labels;
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
            var wanted = _gatherer.Wanted;
            if (_gatherer.Stats is not null && wanted > 0 && wanted < end - start)
            {
                stop = start + (int)wanted;
            }

            _quality.Count(batch, start, stop, stats.Violations);
            stats.Joint?.Add(joint!, start, stop);

            var served = Served(predictions, start, stop);
            stats.AddEvents(batch, columns, served, _schema.Definition.Classes, start, stop);
            Overall.AddEvents(batch, columns, served, _schema.Definition.Classes, start, stop, numeric: bucket.Folded);
            if (_gatherer.Stats is { } reference)
            {
                reference.AddEvents(batch, columns, served, _schema.Definition.Classes, start, stop);
                for (var row = start; row < stop; row++)
                {
                    if (_gatherer.Add(joint, row) is { } profile)
                    {
                        SetReference(profile);
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

    /// <summary>
    /// Counts a label joined to its event (a row of the log entry at <paramref name="eventSequence"/>) and the
    /// prediction served for it: into the bucket the event belongs to — by its time, or by its entry when buckets count
    /// events — when that bucket is still kept, even if it has closed since; and into the whole stream.
    /// </summary>
    public void ObserveLabel(EventBatch events, int row, ReadOnlySpan<double> prediction, double label, double delaySeconds, long eventSequence = 0) =>
        _labels.ObserveLabel(events, row, prediction, label, delaySeconds, eventSequence);

    /// <summary>
    /// Makes <paramref name="profile"/> the reference: its bins replace the old ones in every open bucket (what they
    /// counted on the old bins is not comparable), gathering the first events stops, and the profile waits in the outbox.
    /// </summary>
    public void SetReference(ReferenceProfile profile)
    {
        Binning = ReferenceBinning.Of(profile);
        ReferenceRevision = profile.Revision;
        MissingShares = profile.Features.Select(c => c.MissingShare).ToArray();
        _outbox.Offer(profile);
        foreach (var bucket in Buckets.Open)
        {
            bucket.State.Bin(Binning);
        }

        _gatherer.Stop();
    }

    /// <summary>Drops from the outbox what the feature windows confirmed: the profile of this revision and the summaries up to this bucket.</summary>
    public void Delivered(int revision, long lastIndex) => _outbox.Delivered(revision, lastIndex);

    /// <summary>A bucket closes: its numeric sketches and metrics are folded into the whole stream's, and it is summarized for the feature windows.</summary>
    private void Close(Bucket<StreamStats> bucket)
    {
        if (!bucket.Folded)
        {
            Overall.Fold(bucket.State);
            bucket.Folded = true;
        }

        _outbox.Summarize(bucket, ReferenceRevision, _labels.Detectors);
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

    /// <summary>Counts a routed batch's events, and its unknown features in the bucket of its last event.</summary>
    internal void CountEntry(EventBatch batch)
    {
        Events += batch.Count;
        if (batch.NewFeatures is not { Count: > 0 } seen || (Buckets.Find(batch.Times[^1]) ?? Buckets.Open.LastOrDefault()) is not { } bucket)
        {
            return;
        }

        var stats = bucket.State;
        stats.NewFeatures ??= new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, count) in seen)
        {
            var key = stats.NewFeatures.ContainsKey(name) || stats.NewFeatures.Count < MaxNewFeatureNames ? name : "other";
            stats.NewFeatures[key] = stats.NewFeatures.GetValueOrDefault(key) + count;
        }
    }

    public MonitorState ToState() => new(
        new BucketSeriesState(
            Buckets.Watermark,
            Buckets.MaxEventTime,
            Buckets.LateEvents,
            Buckets.Closed.Concat(Buckets.Open).Select(b => new BucketState(b.Index, b.Closed, b.Events, b.Late, b.LabelsAfterClose, b.FirstSequence, b.LastSequence, StreamStatsState.Of(b.State), b.Folded)).ToArray()),
        StreamStatsState.Of(Overall),
        Events,
        Binning is null ? null : new ReferenceBinsState(ReferenceRevision, MissingShares!, Binning.Features.Select(h => h.ToState()).ToArray(), Binning.Prediction?.ToState(), Binning.Label?.ToState()),
        _gatherer.ToState(),
        _quality.ToState(),
        _labels.ToState(),
        _outbox.ToState());

    public static ModelMonitor FromState(ModelSchema schema, MonitorState state) => new(schema, state);
}
