using BenchmarkDotNet.Attributes;
using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Benchmarks;

// BenchmarkDotNet needs public, unsealed benchmark classes. Each operation adds one column of the core stream (1,000 values, a batch's
// worth) to sketches that already hold 200,000 values, so the quantile sketches are in their steady state (many levels, level 0 at
// its floor of 8), as a long-lived bucket or whole-stream sketch is.

/// <summary>The core stream's values for the micro-benchmarks: batches of the core scenario, one column per feature.</summary>
public static class MicroData
{
    public const int Column = CoreData.BatchSize;

    private static readonly Lazy<EventBatch[]> Stream = new(() => CoreData.Batches(200, distinctBlocks: 64));

    public static EventBatch[] Batches => Stream.Value;

    /// <summary>Feature f's column of batch b.</summary>
    public static double[] Values(int batch, int feature = 0) => Batches[batch % Batches.Length].Numeric[feature];

    /// <summary>Fills a sketch with 200,000 values of the stream's first feature.</summary>
    public static void Fill(Action<double[]> add)
    {
        for (var b = 0; b < 200; b++)
        {
            add(Values(b));
        }
    }
}

/// <summary>KLL add, one value at a time and a column at once, at the bucket's k (16) and the whole stream's (48).</summary>
public class QuantileSketchBenchmarks
{
    private QuantileSketch _sketch = null!;
    private double[] _values = null!;

    /// <summary>The sketch's k.</summary>
    [Params(16, 48)]
    public int K { get; set; }

    /// <summary>A filled sketch and a column to add.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sketch = new QuantileSketch(K);
        MicroData.Fill(c => _sketch.Add(c));
        _values = MicroData.Values(7);
    }

    /// <summary>Add(double) on each value.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void Add()
    {
        foreach (var x in _values)
        {
            _sketch.Add(x);
        }
    }

    /// <summary>Add(ReadOnlySpan) on the column.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void AddColumn() => _sketch.Add(_values);
}

/// <summary>Moments and KLL together, as the monitor feeds each numeric feature.</summary>
public class NumericSketchBenchmarks
{
    private NumericSketch _sketch = null!;
    private double[] _values = null!;

    /// <summary>The quantile sketch's k.</summary>
    [Params(16, 48)]
    public int K { get; set; }

    /// <summary>A filled sketch and a column to add.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sketch = new NumericSketch(K);
        MicroData.Fill(c => _sketch.Add(c));
        _values = MicroData.Values(7);
    }

    /// <summary>Add(double) on each value.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void Add()
    {
        foreach (var x in _values)
        {
            _sketch.Add(x);
        }
    }

    /// <summary>Add(ReadOnlySpan) on the column.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void AddColumn() => _sketch.Add(_values);
}

/// <summary>Welford's step: one chain of dependent divisions when one sketch takes many values in a row.</summary>
public class MomentsBenchmarks
{
    private readonly Moments _moments = new();
    private readonly Moments[] _ten = [.. Enumerable.Range(0, 10).Select(_ => new Moments())];
    private double[] _values = null!;

    /// <summary>A column to add.</summary>
    [GlobalSetup]
    public void Setup() => _values = MicroData.Values(7);

    /// <summary>Add(double) on each value, all into one sketch.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void Add()
    {
        foreach (var x in _values)
        {
            _moments.Add(x);
        }
    }

    /// <summary>Add(ReadOnlySpan) on the column.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void AddColumn() => _moments.Add(_values);

    /// <summary>Add(double) on each value, each into the next of ten sketches (the monitor's per-row pattern: independent chains).</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void AddInterleaved()
    {
        var values = _values;
        for (var i = 0; i < values.Length; i++)
        {
            _ten[i % 10].Add(values[i]);
        }
    }
}

/// <summary>Binning on 9 edges (the default 10 bins) at the reference's deciles.</summary>
public class FixedHistogramBenchmarks
{
    private NumericHistogram _histogram = null!;
    private double[] _values = null!;

    /// <summary>Edges from a reference of the stream, and a column to add.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var reference = new QuantileSketch(48);
        reference.Add(MicroData.Values(0));
        _histogram = NumericHistogram.FromQuantiles(reference, 10);
        _values = MicroData.Values(7);
    }

    /// <summary>Add(double) on each value.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void Add()
    {
        foreach (var x in _values)
        {
            _histogram.Add(x);
        }
    }

    /// <summary>Add(ReadOnlySpan) on the column.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void AddColumn() => _histogram.Add(_values);
}

/// <summary>Counting a binary model's predicted class names, as the monitor does for every event.</summary>
public class CategoricalSketchBenchmarks
{
    private readonly CategoricalSketch _sketch = new(CategoricalSketch.DefaultCap);
    private string[] _names = null!;

    /// <summary>A column of class names.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var classes = new[] { "no", "yes" };
        _names = [.. MicroData.Values(7).Select(x => classes[x > 0 ? 1 : 0])];
    }

    /// <summary>Add(string) on each name.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void Add()
    {
        foreach (var name in _names)
        {
            _sketch.Add(name);
        }
    }
}

/// <summary>The default learner on the core stream's 10 numeric features: ns per row.</summary>
public class LearnerBenchmarks
{
    private OnlineLearner _learner = null!;
    private EventBatch _batch = null!;

    /// <summary>A learner that has seen 20 batches.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var schema = new ModelSchema(CoreData.Definition());
        _learner = OnlineLearner.Create(schema);
        foreach (var batch in MicroData.Batches.Take(20))
        {
            Learn(batch);
        }

        _batch = MicroData.Batches[21];
    }

    /// <summary>PredictAll on a 1,000-row batch, per row.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public Predictions Predict() => _learner.PredictAll(_batch);

    /// <summary>Learn on each row of a 1,000-row batch, per row.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void Learn() => Learn(_batch);

    private void Learn(EventBatch batch)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            _learner.Learn(batch, row, batch.Labels![row]);
        }
    }
}

/// <summary>A bucket's co-moments of the core stream's 10 features (the multivariate check), one row at a time from the columns: ns per row.</summary>
public class CoMomentsBenchmarks
{
    private CoMoments _moments = null!;
    private EventBatch _batch = null!;

    /// <summary>Co-moments that hold 200,000 rows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _moments = new CoMoments(CoreData.Features);
        foreach (var batch in MicroData.Batches)
        {
            _batch = batch;
            AddRows();
        }

        _batch = MicroData.Batches[7];
    }

    /// <summary>CoMoments.Add(columns, row) on each row of a 1,000-row batch, as ModelMonitor feeds a bucket's.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void AddRows()
    {
        for (var row = 0; row < _batch.Count; row++)
        {
            _moments.Add(_batch.Numeric, row);
        }
    }
}

/// <summary>
/// What ModelMonitor.ObserveEvents does to the sketches for a batch of 1,000 events with 10 numeric features and a binary score, per
/// event: the bucket's sketches (k 16, with reference bins) and the whole stream's (k 48). <see cref="PerRow"/> is the pattern it had
/// until 2026-11-29 (for each row, every feature into the bucket and then into the whole stream); <see cref="ColumnWise"/> is the same
/// work a column at a time, with the bulk adds, as ModelMonitor now does for each run of rows that fall in one bucket. Both leave the same
/// sketches, bit for bit (<see cref="CheckSameSketches"/>).
/// </summary>
public class MonitorPatternBenchmarks
{
    private readonly string[] _classes = ["no", "yes"];
    private Side _bucket = null!;
    private Side _overall = null!;
    private EventBatch _batch = null!;
    private Predictions _predictions = null!;
    private double[] _scores = null!;

    /// <summary>Sketches filled with 100 batches, a batch and its predictions.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var learner = OnlineLearner.Create(new ModelSchema(CoreData.Definition()));
        Start();
        foreach (var batch in MicroData.Batches.Take(100))
        {
            _batch = batch;
            _predictions = learner.PredictAll(batch);
            ColumnWise();
        }

        _batch = MicroData.Batches[101];
        _predictions = learner.PredictAll(_batch);
    }

    // Empty sketches: the bucket's with bins at the deciles of a reference batch, the whole stream's without.
    private void Start()
    {
        var bins = Enumerable.Range(0, CoreData.Features).Select(f => NumericHistogram.FromQuantiles(Reference(f), 10)).ToArray();
        _bucket = new Side(16, bins);
        _overall = new Side(48, null);
        _scores = new double[MicroData.Column];

        static QuantileSketch Reference(int feature)
        {
            var sketch = new QuantileSketch(48);
            sketch.Add(MicroData.Values(0, feature));
            return sketch;
        }
    }

    /// <summary>ModelMonitor's AddEvent pattern, twice per row (bucket, whole stream); ns per event.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void PerRow()
    {
        for (var row = 0; row < _batch.Count; row++)
        {
            AddRow(_bucket, row);
            AddRow(_overall, row);
        }
    }

    /// <summary>The same sketches fed column by column with the bulk adds; ns per event.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.Column)]
    public void ColumnWise()
    {
        for (var row = 0; row < _batch.Count; row++)
        {
            _scores[row] = _predictions.Row(row)[1];
        }

        foreach (var side in (ReadOnlySpan<Side>)[_bucket, _overall])
        {
            for (var f = 0; f < _batch.Numeric.Length; f++)
            {
                side.Numeric[f].Add(_batch.Numeric[f]);
            }

            if (side.Histograms is { } histograms)
            {
                for (var f = 0; f < _batch.Numeric.Length; f++)
                {
                    histograms[f].Add(_batch.Numeric[f]);
                }
            }

            side.Scores.Add(_scores);
            for (var row = 0; row < _batch.Count; row++)
            {
                side.Classes.Add(_classes[_predictions.ArgMax(row)]);
            }
        }
    }

    /// <summary>
    /// Throws unless the two patterns leave the same sketches bit for bit (the bulk adds promise it): 30 batches fed both ways, every state
    /// compared. Run by the scenario before the benchmarks.
    /// </summary>
    public static void CheckSameSketches()
    {
        var rows = new MonitorPatternBenchmarks();
        var columns = new MonitorPatternBenchmarks();
        rows.Start();
        columns.Start();
        var learner = OnlineLearner.Create(new ModelSchema(CoreData.Definition()));
        foreach (var batch in MicroData.Batches.Skip(110).Take(30))
        {
            var predictions = learner.PredictAll(batch);
            (rows._batch, rows._predictions, columns._batch, columns._predictions) = (batch, predictions, batch, predictions);
            rows.PerRow();
            columns.ColumnWise();
        }

        foreach (var (one, other) in new[] { (rows._bucket, columns._bucket), (rows._overall, columns._overall) })
        {
            var same = one.Numeric.Append(one.Scores).Zip(other.Numeric.Append(other.Scores)).All(p => Same(p.First.ToState(), p.Second.ToState()))
                && (one.Histograms ?? []).Zip(other.Histograms ?? []).All(p => p.First.Counts.SequenceEqual(p.Second.Counts) && p.First.Missing == p.Second.Missing)
                && one.Classes.ToState().Counts.SequenceEqual(other.Classes.ToState().Counts);
            if (!same)
            {
                throw new InvalidOperationException("the per-row and column-wise patterns left different sketches; the bulk adds must give the state of single adds bit for bit");
            }
        }

        static bool Same(NumericSketchState a, NumericSketchState b) =>
            (a.Missing, a.Count, a.K, a.Coin, a.SamplingLevel, a.BlockPosition, a.BlockChoice, a.Sampled) == (b.Missing, b.Count, b.K, b.Coin, b.SamplingLevel, b.BlockPosition, b.BlockChoice, b.Sampled)
            && new[] { a.Mean, a.M2, a.Min, a.Max }.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(new[] { b.Mean, b.M2, b.Min, b.Max }.Select(BitConverter.DoubleToInt64Bits))
            && a.LevelSizes.SequenceEqual(b.LevelSizes)
            && a.Items.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Items.Select(BitConverter.DoubleToInt64Bits));
    }

    private void AddRow(Side side, int row)
    {
        for (var f = 0; f < _batch.Numeric.Length; f++)
        {
            side.Numeric[f].Add(_batch.Numeric[f][row]);
        }

        if (side.Histograms is { } histograms)
        {
            for (var f = 0; f < _batch.Numeric.Length; f++)
            {
                histograms[f].Add(_batch.Numeric[f][row]);
            }
        }

        side.Scores.Add(_predictions.Row(row)[1]);
        side.Classes.Add(_classes[_predictions.ArgMax(row)]);
    }

    // The sketches of one StreamStats that ObserveEvents feeds for a numeric binary model.
    private sealed class Side(int k, NumericHistogram[]? bins)
    {
        public NumericSketch[] Numeric { get; } = [.. Enumerable.Range(0, CoreData.Features).Select(_ => new NumericSketch(k))];

        public NumericSketch Scores { get; } = new(k);

        public CategoricalSketch Classes { get; } = new(CategoricalSketch.DefaultCap);

        public NumericHistogram[]? Histograms { get; } = bins?.Select(h => h.EmptyCopy()).ToArray();
    }
}
