using System.Diagnostics;
using OrleansCt.Core.Sketches;

namespace OrleansCt.Benchmarks;

/// <summary>ns per Add of the sketch primitives the monitor calls per event, at the default settings, on the core stream's values.</summary>
public static class SketchPrimitives
{
    public static IReadOnlyList<(string Name, double Ns)> Measure(double[] values, int reps, int quantileK, int categoryCap)
    {
        var labels = new[] { "no", "yes" };
        var edges = Enumerable.Range(1, 9).Select(i => i * 10.0).ToArray();
        return
        [
            ("QuantileSketch.Add", Time(values, reps, () => new QuantileSketch(quantileK), (s, x) => s.Add(x))),
            ("Moments.Add", Time(values, reps, () => new Moments(), (s, x) => s.Add(x))),
            ("NumericSketch.Add", Time(values, reps, () => new NumericSketch(quantileK), (s, x) => s.Add(x))),
            ("FixedHistogram.Add", Time(values, reps, () => new NumericHistogram(edges), (s, x) => s.Add(x))),
            ("CategoricalSketch.Add", Time(values, reps, () => new CategoricalSketch(categoryCap), (s, x) => s.Add(labels[x > 50 ? 1 : 0]))),
        ];
    }

    private static double Time<T>(double[] values, int reps, Func<T> create, Action<T, double> add)
    {
        var runs = new List<double>();
        for (var r = -1; r < reps; r++)
        {
            var sketch = create();
            var start = Stopwatch.GetTimestamp();
            foreach (var x in values)
            {
                add(sketch, x);
            }

            if (r >= 0)
            {
                runs.Add(Stopwatch.GetElapsedTime(start).TotalSeconds * 1e9 / values.Length);
            }
        }

        return Stats.Median(runs);
    }
}
