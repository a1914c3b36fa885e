using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using OrleansCt.Core.Events;

namespace OrleansCt.Core.Learning;

/// <summary>Predictions of a whole batch, worked column by column.</summary>
public sealed partial class OnlineLearner
{
    // Rows whose margins are built together: one pass over the columns for each block of this many rows.
    private const int BlockRows = 128;

    /// <summary>Predictions of every row of a batch, each the same bits as <see cref="Predict"/> gives for that row.</summary>
    public Predictions PredictAll(EventBatch batch)
    {
        var scores = new double[batch.Count * _width];
        if (batch.Count == 0)
        {
            return new Predictions(_width, scores);
        }

        CheckShape(batch);
        var size = _outputs * BlockRows;
        Span<double> margins = size <= 4 * StackLimit ? stackalloc double[size] : new double[size];
        Span<double> row = _outputs <= StackLimit ? stackalloc double[_outputs] : new double[_outputs];
        for (var start = 0; start < batch.Count; start += BlockRows)
        {
            var rows = Math.Min(BlockRows, batch.Count - start);
            BlockMargins(batch, start, rows, margins);
            var i = _classification && _outputs == 1 ? BinaryBlock(margins[..rows], scores.AsSpan(start * 2, rows * 2)) : 0;
            for (; i < rows; i++)
            {
                for (var k = 0; k < _outputs; k++)
                {
                    row[k] = margins[(k * BlockRows) + i];
                }

                WriteOutput(row, scores.AsSpan((start + i) * _width, _width));
            }
        }

        return new Predictions(_width, scores);
    }

    /// <summary>
    /// [1 − p, p] with p = sigmoid(m) for each whole block of four margins, as <see cref="Losses.Sigmoid"/> computes it but without a
    /// branch on the sign: exp(−|m|) is exp(−m) for m ≥ 0 and exp(m) below, then p = 1 / (1 + e) or e / (1 + e) by the sign; returns
    /// the rows done.
    /// </summary>
    private static int BinaryBlock(ReadOnlySpan<double> margins, Span<double> scores)
    {
        var i = 0;
        for (; i + Lanes.Width <= margins.Length; i += Lanes.Width)
        {
            // A NaN margin (an input beyond what a double holds met a weight of 0, or +∞ met −∞) is the undecided margin 0, as in WriteOutput.
            var raw = Vector256.Create(margins.Slice(i, Lanes.Width));
            var m = raw & Vector256.Equals(raw, raw);
            var e = Vector256.Create(Math.Exp(-Math.Abs(m[0])), Math.Exp(-Math.Abs(m[1])), Math.Exp(-Math.Abs(m[2])), Math.Exp(-Math.Abs(m[3])));
            var sum = Vector256<double>.One + e;
            var p = Lanes.Select(Vector256.GreaterThanOrEqual(m, Vector256<double>.Zero), Vector256<double>.One / sum, e / sum);
            var q = Vector256<double>.One - p;
            var output = scores.Slice(2 * i, 2 * Lanes.Width);
            (output[0], output[1], output[2], output[3]) = (q[0], p[0], q[1], p[1]);
            (output[4], output[5], output[6], output[7]) = (q[2], p[2], q[3], p[3]);
        }

        return i;
    }

    /// <summary>
    /// The margins of rows start .. start + rows, output k's in margins[k·BlockRows ..]. Each row's sum is built in Margins' order
    /// (intercept, the numeric inputs in order, then the active inputs in order): the columns are taken one after the other, and a
    /// column's inputs are worked out with the standardisation Encode applies (the same operations on the same moments) for four rows at once.
    /// </summary>
    private void BlockMargins(EventBatch batch, int start, int rows, Span<double> margins)
    {
        for (var k = 0; k < _outputs; k++)
        {
            margins.Slice(k * BlockRows, rows).Fill(_intercepts[k]);
        }

        ref var m = ref MemoryMarshal.GetReference(margins);
        for (var j = 0; j < _numeric; j++)
        {
            var column = batch.Numeric[j].AsSpan(start, rows);
            ref var x = ref MemoryMarshal.GetReference(column);
            var mean = _features.Mean(j);
            var scale = _features.ScaleOf(j);
            var spread = _standardize && scale > 0;
            var (means, scales) = (Vector256.Create(mean), Vector256.Create(scale));
            var i = 0;
            for (; i + Lanes.Width <= rows; i += Lanes.Width)
            {
                var v = Vector256.LoadUnsafe(ref x, (nuint)i);
                var z = Vector256<double>.Zero;
                if (spread)
                {
                    z = ((v - means) / scales) & Lanes.Finite(v);
                }
                else if (!_standardize)
                {
                    z = v & Lanes.Finite(v);
                }

                for (var k = 0; k < _outputs; k++)
                {
                    var at = (nuint)((k * BlockRows) + i);
                    (Vector256.LoadUnsafe(ref m, at) + (Vector256.Create(_weights[(k * _dimension) + j]) * z)).StoreUnsafe(ref m, at);
                }
            }

            for (; i < rows; i++)
            {
                var value = column[i];
                var z = !double.IsFinite(value) ? 0.0 : _standardize ? (scale > 0 ? (value - mean) / scale : 0.0) : value;
                for (var k = 0; k < _outputs; k++)
                {
                    margins[(k * BlockRows) + i] += _weights[(k * _dimension) + j] * z;
                }
            }
        }

        for (var c = 0; c < _active.Length; c++)
        {
            var column = batch.Categorical[c].AsSpan(start, rows);
            for (var i = 0; i < rows; i++)
            {
                var input = _encoder.ActiveInput(c, column[i]);
                if (input < 0)
                {
                    continue;
                }

                for (var k = 0; k < _outputs; k++)
                {
                    margins[(k * BlockRows) + i] += _weights[(k * _dimension) + input];
                }
            }
        }
    }
}
