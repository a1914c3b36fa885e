namespace OrleansCt.Core.Drift.Detectors;

/// <summary>ADWIN, adaptive windowing (Bifet and Gavaldà, 2007), as River's drift.ADWIN; definition in tests/reference/drift-detectors.md.</summary>
public sealed class Adwin : IDriftDetector, IStateImport
{
    // rows[0] holds the newest, single-item buckets; the last row the oldest, largest ones.
    private readonly List<AdwinBucketRow> _rows = [];
    private double _total;
    private double _variance;
    private double _width;
    private long _tick;

    public Adwin(double delta = 0.002, int clock = 32, int maxBuckets = 5, int minWindowLength = 5, int gracePeriod = 10)
    {
        DetectorChecks.Open01(delta, "delta");
        DetectorChecks.AtLeast(clock, 1, "clock");
        DetectorChecks.AtLeast(maxBuckets, 2, "max_buckets");
        DetectorChecks.AtLeast(minWindowLength, 1, "min_window_length");
        DetectorChecks.AtLeast(gracePeriod, 0, "grace_period");
        (Delta, Clock, MaxBuckets, MinWindowLength, GracePeriod) = (delta, clock, maxBuckets, minWindowLength, gracePeriod);
        Reset();
    }

    public double Delta { get; }

    public int Clock { get; }

    public int MaxBuckets { get; }

    public int MinWindowLength { get; }

    public int GracePeriod { get; }

    public bool DriftDetected { get; private set; }

    public bool WarningDetected => false;

    /// <summary>Number of items in the current window.</summary>
    public double Width => _width;

    /// <summary>Mean of the current window; 0 while empty, as River's estimation.</summary>
    public double Estimation => _width == 0 ? 0.0 : _total / _width;

    public void Update(double x)
    {
        if (DriftDetected)
        {
            Reset();
        }

        Insert(x);
        DriftDetected = DetectChange();
    }

    public string ExportState()
    {
        var rows = _rows.Select(r => r.Snapshot()).Select(r => new AdwinRowState(r.Totals, r.Variances)).ToArray();
        return DetectorState.Write(new AdwinState(Name, DetectorState.Version, DriftDetected, _total, _variance, _width, _tick, rows));
    }

    void IStateImport.ImportState(string state)
    {
        var s = DetectorState.Read<AdwinState>(Name, state);
        DetectorState.Check(s.Rows.Length >= 1, Name, "it has no bucket rows");
        for (var i = 0; i < s.Rows.Length; i++)
        {
            var row = s.Rows[i];
            DetectorState.Check(row.Totals.Length == row.Variances.Length, Name, $"bucket row {i} has {row.Totals.Length} totals but {row.Variances.Length} variances");
            DetectorState.Check(row.Totals.Length <= MaxBuckets, Name, $"bucket row {i} has {row.Totals.Length} buckets, more than max_buckets ({MaxBuckets})");
        }

        DetectorState.Check(s.Width >= 0 && s.Tick >= 0, Name, "its width or tick is negative");
        _rows.Clear();
        foreach (var row in s.Rows)
        {
            var bucket = new AdwinBucketRow(MaxBuckets);
            for (var k = 0; k < row.Totals.Length; k++)
            {
                bucket.Add(row.Totals[k], row.Variances[k]);
            }

            _rows.Add(bucket);
        }

        (_total, _variance, _width, _tick, DriftDetected) = (s.Total, s.Variance, s.Width, s.Tick, s.DriftDetected);
    }

    private const string Name = "adwin";

    private void Reset()
    {
        _rows.Clear();
        _rows.Add(new AdwinBucketRow(MaxBuckets));
        (_total, _variance, _width, _tick, DriftDetected) = (0, 0, 0, 0, false);
    }

    private void Insert(double x)
    {
        _rows[0].Add(x, 0.0);
        _width += 1;
        if (_width > 1.0)
        {
            // Same operation order as River so that window variances agree to the last bit.
            var d = x - (_total / (_width - 1.0));
            _variance += (_width - 1.0) * d * d / _width;
        }

        _total += x;
        Compress();
    }

    private void Compress()
    {
        for (var row = 0; row < _rows.Count && _rows[row].Count == MaxBuckets + 1; row++)
        {
            if (row + 1 == _rows.Count)
            {
                _rows.Add(new AdwinBucketRow(MaxBuckets));
            }

            var bucket = _rows[row];
            var size = Math.Pow(2, row);
            var (t0, t1) = (bucket.TotalAt(0), bucket.TotalAt(1));
            var (mu0, mu1) = (t0 / size, t1 / size);
            var merged = bucket.VarianceAt(0) + bucket.VarianceAt(1) + (size * size * (mu0 - mu1) * (mu0 - mu1) / (size + size));
            _rows[row + 1].Add(t0 + t1, merged);
            bucket.RemoveOldest(2);
        }
    }

    private bool DetectChange()
    {
        _tick++;
        if (_tick % Clock != 0 || _width <= GracePeriod)
        {
            return false;
        }

        var changed = false;
        var rescan = true;
        while (rescan)
        {
            rescan = false;
            double n0 = 0, n1 = _width, u0 = 0, u1 = _total;
            for (var row = _rows.Count - 1; row >= 0 && !rescan; row--)
            {
                var bucket = _rows[row];
                var size = Math.Pow(2, row);

                // As River today (its Rust AdaptiveWindowing, aligned with MOA): every bucket of every row ends a W0,
                // up to the newest item, whose cut would leave W1 empty. River before 0.22 stopped one bucket short in
                // every row and so never cut between two rows (tests/OrleansCt.Core.Tests/Drift/Detectors/AdwinTraceTests.cs).
                var last = bucket.Count - 1;
                for (var k = 0; k <= last; k++)
                {
                    n0 += size;
                    n1 -= size;
                    u0 += bucket.TotalAt(k);
                    u1 -= bucket.TotalAt(k);
                    if (row == 0 && k == last)
                    {
                        break;
                    }

                    if (n1 >= MinWindowLength && n0 >= MinWindowLength && IsCut(n0, n1, (u0 / n0) - (u1 / n1)))
                    {
                        changed = true;
                        rescan = true;
                        DeleteOldestBucket();
                        break;
                    }
                }
            }
        }

        return changed;
    }

    private bool IsCut(double n0, double n1, double deltaMean)
    {
        var deltaPrime = Math.Log(2 * Math.Log(_width) / Delta);
        var m = (1.0 / (n0 - MinWindowLength + 1)) + (1.0 / (n1 - MinWindowLength + 1));
        var epsilon = Math.Sqrt(2 * m * (_variance / _width) * deltaPrime) + (2.0 / 3.0 * deltaPrime * m);
        return Math.Abs(deltaMean) > epsilon;
    }

    private void DeleteOldestBucket()
    {
        var last = _rows.Count - 1;
        var bucket = _rows[last];
        var n = Math.Pow(2, last);
        var u = bucket.TotalAt(0);
        var mu = u / n;
        _width -= n;
        _total -= u;
        var muWindow = _total / _width;
        _variance -= bucket.VarianceAt(0) + (n * _width * (mu - muWindow) * (mu - muWindow) / (n + _width));
        bucket.RemoveOldest(1);
        if (bucket.Count == 0)
        {
            _rows.RemoveAt(last);
        }
    }
}

internal sealed record AdwinRowState(double[] Totals, double[] Variances);

internal sealed record AdwinState(string Detector, int Version, bool DriftDetected, double Total, double Variance, double Width, long Tick, AdwinRowState[] Rows);
