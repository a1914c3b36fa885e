using CsCheck;
using MathNet.Numerics.Statistics;
using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.Tests.Properties;

/// <summary>Each accumulator on any doubles: its mean stays finite, its sums are finite or +∞, its state restores, and on ordinary values it agrees with MathNet.</summary>
public sealed class AccumulatorProperties
{
    private static void Sound(Moments m)
    {
        Assert.True(double.IsFinite(m.Mean), $"mean {m.Mean}");
        Assert.True(m.M2 >= 0, $"M2 {m.M2}");
        var restored = Moments.FromState(m.ToState());
        Assert.Equal(m.ToState(), restored.ToState());
    }

    [Fact]
    public void Moments_by_every_path_keep_a_finite_mean_and_an_M2_that_is_finite_or_saturated()
    {
        ExtremeDoubles.Finite.Array[1, 40].Array[2, 6].Sample(columns =>
        {
            var single = new Moments();
            foreach (var x in columns[0])
            {
                single.Add(x);
            }

            var span = new Moments();
            span.Add(columns[0]);
            var sketches = columns.Select(_ => new NumericSketch()).ToArray();
            var rows = columns.Min(c => c.Length);
            NumericSketch.Add(sketches, columns, 0, rows);
            var merged = new Moments();
            foreach (var column in columns)
            {
                var part = new Moments();
                part.Add(column);
                merged.Merge(part);
            }

            Sound(single);
            Sound(span);
            Sound(merged);
            Assert.All(sketches, s => Sound(s.Moments));
            Assert.Equal((columns[0].Min(), columns[0].Max()), (span.Min, span.Max));

            // On ordinary values (0, or 1e-100 < |x| < 1e100) the mean and variance are MathNet's; below, squares are subnormal and
            // carry too few digits to compare to nine places.
            if (columns[0].All(x => x == 0 || Math.Abs(x) is > 1e-100 and < 1e100))
            {
                var scale = Math.Max(1e-300, columns[0].Max(Math.Abs));
                // Within 1e-9, not "equal when rounded to nine places": two values a hair apart can round to different ninth digits.
                Assert.Equal(columns[0].Mean() / scale, span.Mean / scale, 1e-9);
                Assert.Equal(columns[0].PopulationVariance() / (scale * scale), span.Variance / (scale * scale), 1e-9);
            }
        }, seed: null, time: ExtremeDoubles.Seconds, threads: ExtremeDoubles.Threads);
    }

    [Fact]
    public void Co_moments_skip_rows_that_are_not_finite_and_restore_whatever_they_hold()
    {
        ExtremeDoubles.Any.Array[3].Array[1, 30].Sample(rows =>
        {
            var moments = new CoMoments(3);
            foreach (var row in rows)
            {
                moments.Add(row);
            }

            Assert.Equal(rows.Length, moments.Count + moments.Skipped);
            Assert.Equal(rows.Count(r => r.All(double.IsFinite)), moments.Count);
            var state = moments.ToState();
            Assert.Equal(state.CoMoments, CoMoments.FromState(state).ToState().CoMoments);
        }, seed: null, time: ExtremeDoubles.Seconds, threads: ExtremeDoubles.Threads);
    }

    [Fact]
    public void Regression_metrics_saturate_and_restore_on_any_finite_errors()
    {
        ExtremeDoubles.Finite.Select(ExtremeDoubles.Finite).Array[1, 30].Sample(pairs =>
        {
            var metrics = new RegressionMetrics();
            var fading = new FadingRegressionMetrics(0.999);
            foreach (var (predicted, label) in pairs)
            {
                metrics.Observe(predicted, label);
                fading.Observe(predicted, label);
            }

            var state = metrics.ToState();
            Assert.True(double.IsFinite(state.LabelMean), $"label mean {state.LabelMean}");
            Assert.True(state.LabelM2 >= 0 && state.SquaredErrorSum >= 0 && state.AbsoluteErrorSum >= 0);
            Assert.Equal(state, RegressionMetrics.FromState(state).ToState());
            Assert.Equal(fading.ToState(), FadingRegressionMetrics.FromState(fading.ToState()).ToState());
            var halves = RegressionMetrics.FromState(state);
            halves.Merge(RegressionMetrics.FromState(state));
            Assert.True(double.IsFinite(halves.ToState().LabelMean));
        }, seed: null, time: ExtremeDoubles.Seconds, threads: ExtremeDoubles.Threads);
    }
}
