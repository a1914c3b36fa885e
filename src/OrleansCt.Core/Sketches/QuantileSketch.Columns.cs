namespace OrleansCt.Core.Sketches;

// The bulk and column add paths: each ends bit for bit where the single adds of QuantileSketch.cs would.
public sealed partial class QuantileSketch
{
    /// <summary>
    /// Adds values in order: the same sketch, bit for bit, as <see cref="Add(double)"/> on each of them in turn (so the compactions, the
    /// coin and the state are those of single adds), with the per-value checks done once per run between two compactions. NaN is refused as
    /// by <see cref="Add(double)"/>: the values before it are added, then it throws.
    /// </summary>
    public void Add(ReadOnlySpan<double> values)
    {
        while (!values.IsEmpty)
        {
            if (_sampling != 0)
            {
                values = AddSampled(values);
                continue;
            }

            // Level 0 grows leftwards into the free space: a run fills it from its right end, the first value rightmost, as single adds do.
            var free = _starts[0];
            var run = values[..Math.Min(free, values.Length)];
            var (min, max) = Count == 0 ? (double.PositiveInfinity, double.NegativeInfinity) : (Min, Max);
            var at = free;
            var buffer = _buffer;
            foreach (var value in run)
            {
                var x = value;
                if (double.IsNaN(x))
                {
                    break;
                }

                (x, min, max) = Admit(x, min, max);

                buffer[--at] = x;
            }

            var added = free - at;
            if (added > 0)
            {
                (Min, Max) = (min, max);
                Count += added;
                _starts[0] = at;
            }

            if (at == 0)
            {
                Compress();
                SampleIfDue();
            }

            if (added < run.Length)
            {
                ThrowNaN(nameof(values));
            }

            values = values[added..];
        }
    }

    // The bulk add while sampling: the values up to and including the next one that matters (the block's chosen or last value) only move
    // Count, Min and Max, so they are scanned as a run; then that one value is handled as Add(double) handles it. Returns what is left.
    private ReadOnlySpan<double> AddSampled(ReadOnlySpan<double> values)
    {
        var c = Count;
        var before = _next - c;
        var run = before < values.Length ? values[..((int)before + 1)] : values;
        var (min, max) = (Min, Max);
        var added = RunExtremes.Scan(run, ref min, ref max);
        if (added > 0)
        {
            Count = c + added;
            (Min, Max) = (min, max);
        }

        if (added == before + 1)
        {
            var x = run[added - 1];
            Sample(x == 0 ? 0 : x, c + before);
        }

        if (added < run.Length)
        {
            ThrowNaN(nameof(values));
        }

        return values[added..];
    }

    // NumericSketch's column paths: one pass that counts NaN as missing and adds every other value here as Add(double) does, so that the
    // sketch ends bit for bit as after single adds. With StepMoments it also takes each value through the moments' Welford step (the two
    // dependency chains overlap in the processor); with SkipMoments the caller steps the moments itself (several columns at once), and
    // while sampling the values between two that matter are scanned as runs. Returns the number of NaN values.
    internal long AddColumn<TMode>(ReadOnlySpan<double> values, ref Moments.Sums moments)
        where TMode : struct, IColumnMode
    {
        var missing = 0L;
        var i = 0;
        var (count, mean, m2, low, high) = (moments.Count, moments.Mean, moments.M2, moments.Min, moments.Max);
        while (i < values.Length)
        {
            if (_sampling != 0 && typeof(TMode) == typeof(SkipMoments))
            {
                missing += AddSampledPresent(values[i..]);
                break;
            }

            if (_sampling != 0)
            {
                // Sampling (Count > 0): each value is counted, and only the block's chosen and last values go further.
                var (c, next, lo, hi) = (Count, _next, Min, Max);
                for (; i < values.Length; i++)
                {
                    var x = values[i];
                    if (double.IsNaN(x))
                    {
                        missing++;
                        continue;
                    }

                    Moments.Step(x, ref count, ref mean, ref m2, ref low, ref high);
                    (x, lo, hi) = Admit(x, lo, hi);

                    if (c++ == next)
                    {
                        Sample(x, c - 1);
                        next = _next;
                    }
                }

                (Count, Min, Max) = (c, lo, hi);
                break;
            }

            var at = _starts[0];
            var buffer = _buffer;
            var (min, max) = Count == 0 ? (double.PositiveInfinity, double.NegativeInfinity) : (Min, Max);
            for (; i < values.Length && at > 0; i++)
            {
                var x = values[i];
                if (double.IsNaN(x))
                {
                    missing++;
                    continue;
                }

                if (typeof(TMode) == typeof(StepMoments))
                {
                    Moments.Step(x, ref count, ref mean, ref m2, ref low, ref high);
                }

                (x, min, max) = Admit(x, min, max);

                buffer[--at] = x;
            }

            var added = _starts[0] - at;
            if (added > 0)
            {
                (Min, Max) = (min, max);
                Count += added;
                _starts[0] = at;
                if (at == 0)
                {
                    Compress();
                    SampleIfDue();
                }
            }
        }

        (moments.Count, moments.Mean, moments.M2, moments.Min, moments.Max) = (count, mean, m2, low, high);
        return missing;
    }

    // AddColumn<SkipMoments> while sampling: the values before the next one that matters (the block's chosen or last value) only move Count,
    // Min and Max, so they are scanned as a run (as AddSampled does) up to a NaN, which is counted and skipped; then that one value is handled
    // as Add(double) handles it. Returns the number of NaN values.
    private long AddSampledPresent(ReadOnlySpan<double> values)
    {
        var missing = 0L;
        var (c, lo, hi) = (Count, Min, Max);
        var i = 0;
        while (i < values.Length)
        {
            var before = (int)Math.Min(_next - c, values.Length - i);
            var scanned = RunExtremes.Scan(values.Slice(i, before), ref lo, ref hi);
            (c, i) = (c + scanned, i + scanned);
            if (i == values.Length)
            {
                break;
            }

            // A NaN inside the run, or the value that matters (c is _next).
            var x = values[i++];
            if (double.IsNaN(x))
            {
                missing++;
                continue;
            }

            (x, lo, hi) = Admit(x, lo, hi);

            Sample(x, c++);
        }

        (Count, Min, Max) = (c, lo, hi);
        return missing;
    }

    /// <summary>How <see cref="AddColumn{TMode}"/> treats the moments: <see cref="StepMoments"/> or <see cref="SkipMoments"/>.</summary>
    internal interface IColumnMode;

    /// <summary>AddColumn steps the moments along with its own adds.</summary>
    internal struct StepMoments : IColumnMode;

    /// <summary>AddColumn leaves the moments to the caller.</summary>
    internal struct SkipMoments : IColumnMode;
}
