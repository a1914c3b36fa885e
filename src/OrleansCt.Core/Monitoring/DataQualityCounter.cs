using System.Runtime.Intrinsics;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Monitoring;

/// <summary>Counts the values a model accepted outside its schema (validation policy "count"): for the whole stream and for each bucket.</summary>
internal sealed class DataQualityCounter
{
    private readonly ModelSchema _schema;

    public DataQualityCounter(ModelSchema schema)
        : this(schema, new long[schema.Numeric.Count], new long[schema.Categorical.Count])
    {
    }

    private DataQualityCounter(ModelSchema schema, long[] outOfRange, long[] unseen)
    {
        _schema = schema;
        OutOfRange = outOfRange;
        Unseen = unseen;
    }

    /// <summary>Per numeric feature, values accepted outside its [min, max].</summary>
    public long[] OutOfRange { get; }

    /// <summary>Per categorical feature, values accepted outside its listed categories.</summary>
    public long[] Unseen { get; }

    /// <summary>
    /// Rows [<paramref name="start"/>, <paramref name="end"/>) of one bucket: per numeric feature the values outside its range, a column
    /// at a time, and per categorical feature the values outside its categories, into the whole stream's counts and the bucket's
    /// <paramref name="violations"/> (numeric, then categorical) when it keeps them.
    /// </summary>
    public void Count(EventBatch batch, int start, int end, long[]? violations)
    {
        for (var f = 0; f < batch.Numeric.Length; f++)
        {
            var (min, max) = (_schema.Numeric[f].Min ?? double.NegativeInfinity, _schema.Numeric[f].Max ?? double.PositiveInfinity);
            if (min == double.NegativeInfinity && max == double.PositiveInfinity)
            {
                // Nothing is below −∞ or above +∞, NaN included.
                continue;
            }

            var outside = Outside(batch.Numeric[f].AsSpan(start, end - start), min, max);
            OutOfRange[f] += outside;
            if (violations is not null)
            {
                violations[f] += outside;
            }
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            if (_schema.CategorySets[f] is not { } known)
            {
                continue;
            }

            var column = batch.Categorical[f];
            var unseen = 0L;
            for (var row = start; row < end; row++)
            {
                unseen += column[row] is { } category && !known.Contains(category) ? 1 : 0;
            }

            Unseen[f] += unseen;
            if (violations is not null)
            {
                violations[batch.Numeric.Length + f] += unseen;
            }
        }
    }

    public DataQualityState ToState() => new(OutOfRange.ToArray(), Unseen.ToArray());

    public static DataQualityCounter FromState(ModelSchema schema, DataQualityState state) => new(schema, state.OutOfRange.ToArray(), state.Unseen.ToArray());

    // How many values are below min or above max (NaN is neither), four at a time: a lane that is outside compares to all ones, that is −1.
    private static long Outside(ReadOnlySpan<double> values, double min, double max)
    {
        var count = 0L;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (low, high) = (Vector256.Create(min), Vector256.Create(max));
            var sum = Vector256<long>.Zero;
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.Create(values.Slice(i, Vector256<double>.Count));
                sum -= (Vector256.LessThan(x, low) | Vector256.GreaterThan(x, high)).AsInt64();
            }

            count = Vector256.Sum(sum);
        }

        for (; i < values.Length; i++)
        {
            count += values[i] < min || values[i] > max ? 1 : 0;
        }

        return count;
    }
}
