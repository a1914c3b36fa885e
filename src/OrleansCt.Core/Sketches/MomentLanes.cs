using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OrleansCt.Core.Sketches;

/// <summary>The moments of several numeric sketches stepped four columns at a time, each lane of a vector one column's Welford step.</summary>
/// <remarks>
/// Each lane does <see cref="Moments.Step"/>'s own IEEE operations (−, ÷, +, ×, all correctly rounded, no fused multiply-add) on the same
/// operands in the same order, so every column's moments end bit for bit as after its own column add. The count divides as a double kept
/// in the lane: exact below 2^53, so n + 1.0 is the very double (double)(count + 1) that the scalar step divides by; when a sketch could
/// pass 2^53 in this add (never on a real stream, but a restored state could claim it), or without AVX, the columns go the scalar way.
/// A NaN (missing) leaves its lane as it was; min and max follow Math.Min and Math.Max, for which −0 is below +0. The rows are stepped in
/// order, each row for every group of four columns, so the groups' dependency chains (a division each) overlap in the processor.
/// </remarks>
internal static class MomentLanes
{
    private const long ExactCounts = 1L << 53;

    private const int Width = 4;

    /// <summary>Whether <see cref="Add"/> may take these sketches: AVX is there, there are columns to share the vectors, and every count stays exact.</summary>
    public static bool Fit(ReadOnlySpan<NumericSketch> sketches, int length)
    {
        if (!Avx.IsSupported || sketches.Length < 2)
        {
            return false;
        }

        foreach (var sketch in sketches)
        {
            if (sketch.Moments.Count >= ExactCounts - length)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Steps the moments of sketches[i] over columns[i][start .. start + length), for every i (checked by the caller).</summary>
    public static void Add(ReadOnlySpan<NumericSketch> sketches, ReadOnlySpan<double[]> columns, int start, int length)
    {
        // The sums before the add, for the one check per column at the end (Moments.Rescue): none per value in the lanes.
        Span<Moments.Sums> before = sketches.Length <= 64 ? stackalloc Moments.Sums[sketches.Length] : new Moments.Sums[sketches.Length];
        for (var i = 0; i < sketches.Length; i++)
        {
            before[i] = sketches[i].Moments.Open();
        }

        Step(sketches, columns, start, length);
        for (var i = 0; i < sketches.Length; i++)
        {
            var moments = sketches[i].Moments;
            var sums = moments.Open();
            if (!Moments.Sound(sums))
            {
                Moments.Rescue(ref sums, before[i], columns[i].AsSpan(start, length));
                moments.Close(sums);
            }
        }
    }

    private static void Step(ReadOnlySpan<NumericSketch> sketches, ReadOnlySpan<double[]> columns, int start, int length)
    {
        // A column's first value sets its moments apart from the step (mean x, M2 0, as Moments.Step does), so the rows up to the last
        // column's first value go the scalar way, and then every lane that steps has a count.
        var first = FirstSteps(sketches, columns, start, length);
        for (var i = 0; i < sketches.Length && first > 0; i++)
        {
            var moments = sketches[i].Moments;
            var sums = moments.Open();
            foreach (var x in columns[i].AsSpan(start, first))
            {
                if (!double.IsNaN(x))
                {
                    Moments.Step(x, ref sums.Count, ref sums.Mean, ref sums.M2, ref sums.Min, ref sums.Max);
                }
            }

            moments.Close(sums);
        }

        (start, length) = (start + first, length - first);
        var groups = (sketches.Length + Width - 1) / Width;
        Span<Lanes> lanes = groups <= 16 ? stackalloc Lanes[groups] : new Lanes[groups];
        Span<Vector256<double>> rows = groups <= 16 ? stackalloc Vector256<double>[groups * Width] : new Vector256<double>[groups * Width];
        for (var g = 0; g < groups; g++)
        {
            lanes[g] = Lanes.Open(sketches[(g * Width)..Math.Min(sketches.Length, (g + 1) * Width)]);
        }

        var end = start + length;
        var row = start;
        for (; row <= end - Width; row += Width)
        {
            // Four rows of every group's four columns, turned into four vectors of one row each, then stepped row by row.
            for (var g = 0; g < groups; g++)
            {
                Transpose(columns, g * Width, row, rows.Slice(g * Width, Width));
            }

            for (var r = 0; r < Width; r++)
            {
                for (var g = 0; g < groups; g++)
                {
                    lanes[g].Step(rows[(g * Width) + r]);
                }
            }
        }

        for (; row < end; row++)
        {
            for (var g = 0; g < groups; g++)
            {
                lanes[g].Step(Vector256.Create(Value(columns, g * Width, row), Value(columns, (g * Width) + 1, row), Value(columns, (g * Width) + 2, row), Value(columns, (g * Width) + 3, row)));
            }
        }

        for (var g = 0; g < groups; g++)
        {
            lanes[g].Close(sketches[(g * Width)..Math.Min(sketches.Length, (g + 1) * Width)]);
        }
    }

    // How many rows from start the scalar step takes: up to and including the first value of every column that has none yet (0 if all have).
    private static int FirstSteps(ReadOnlySpan<NumericSketch> sketches, ReadOnlySpan<double[]> columns, int start, int length)
    {
        var first = 0;
        for (var i = 0; i < sketches.Length; i++)
        {
            if (sketches[i].Moments.Count == 0)
            {
                var values = columns[i].AsSpan(start, length);
                for (var j = 0; j < values.Length; j++)
                {
                    if (!double.IsNaN(values[j]))
                    {
                        first = Math.Max(first, j + 1);
                        break;
                    }
                }
            }
        }

        return first;
    }

    // Column `column` (or, past the last column, the last: an unused lane) at a row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Value(ReadOnlySpan<double[]> columns, int column, int row) => columns[Math.Min(column, columns.Length - 1)][row];

    // Rows row … row + 3 of columns at … at + 3 (past the last column, the last again) as four vectors, one per row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ReadOnlySpan<double[]> columns, int at, int row, Span<Vector256<double>> rows)
    {
        var last = columns.Length - 1;
        var a = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(columns[at]), (nuint)row);
        var b = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(columns[Math.Min(at + 1, last)]), (nuint)row);
        var c = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(columns[Math.Min(at + 2, last)]), (nuint)row);
        var d = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(columns[Math.Min(at + 3, last)]), (nuint)row);
        var (ab0, ab1, cd0, cd1) = (Avx.UnpackLow(a, b), Avx.UnpackHigh(a, b), Avx.UnpackLow(c, d), Avx.UnpackHigh(c, d));
        rows[0] = Avx.Permute2x128(ab0, cd0, 0x20);
        rows[1] = Avx.Permute2x128(ab1, cd1, 0x20);
        rows[2] = Avx.Permute2x128(ab0, cd0, 0x31);
        rows[3] = Avx.Permute2x128(ab1, cd1, 0x31);
    }

    /// <summary>Count (as a double), mean, M2, min and max of up to four columns, and which lanes hold one.</summary>
    private struct Lanes
    {
        private Vector256<double> _live;
        private Vector256<double> _n;
        private Vector256<double> _mean;
        private Vector256<double> _m2;
        private Vector256<double> _min;
        private Vector256<double> _max;

        public static Lanes Open(ReadOnlySpan<NumericSketch> sketches)
        {
            Span<double> live = stackalloc double[Width];
            Span<double> n = stackalloc double[Width];
            Span<double> mean = stackalloc double[Width];
            Span<double> m2 = stackalloc double[Width];
            Span<double> min = stackalloc double[Width];
            Span<double> max = stackalloc double[Width];
            for (var lane = 0; lane < sketches.Length; lane++)
            {
                var moments = sketches[lane].Moments;
                live[lane] = BitConverter.Int64BitsToDouble(-1);
                (n[lane], mean[lane], m2[lane], min[lane], max[lane]) = (moments.Count, moments.Mean, moments.M2, moments.Min, moments.Max);
            }

            return new Lanes
            {
                _live = Vector256.Create<double>(live),
                _n = Vector256.Create<double>(n),
                _mean = Vector256.Create<double>(mean),
                _m2 = Vector256.Create<double>(m2),
                _min = Vector256.Create<double>(min),
                _max = Vector256.Create<double>(max),
            };
        }

        public readonly void Close(ReadOnlySpan<NumericSketch> sketches)
        {
            for (var lane = 0; lane < sketches.Length; lane++)
            {
                sketches[lane].Moments.Close(new Moments.Sums { Count = (long)_n[lane], Mean = _mean[lane], M2 = _m2[lane], Min = _min[lane], Max = _max[lane] });
            }
        }

        /// <summary>One row: in each live lane whose value is not NaN (and whose count is not 0: see Add), Moments.Step.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step(Vector256<double> x)
        {
            var step = _live & Vector256.Equals(x, x);

            // count++, delta = x − mean, mean += delta / count, M2 += delta · (x − mean).
            var n = _n + Vector256<double>.One;
            var delta = x - _mean;
            var mean = _mean + (delta / n);
            var m2 = _m2 + (delta * (x - mean));

            // Math.Min and Math.Max on values that are not NaN: minpd gives its second operand unless the first is smaller, so the two
            // orders agree except on equal values, which differ in bits only as −0 and +0: OR-ed, −0 wins (AND-ed, +0), as in Math.
            var min = Vector256.MinNative(_min, x) | Vector256.MinNative(x, _min);
            var max = Vector256.MaxNative(_max, x) & Vector256.MaxNative(x, _max);

            _n = Avx.BlendVariable(_n, n, step);
            _mean = Avx.BlendVariable(_mean, mean, step);
            _m2 = Avx.BlendVariable(_m2, m2, step);
            _min = Avx.BlendVariable(_min, min, step);
            _max = Avx.BlendVariable(_max, max, step);
        }
    }
}
