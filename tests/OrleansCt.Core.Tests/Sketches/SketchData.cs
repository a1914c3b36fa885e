using System.Globalization;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.Sketches;

/// <summary>Columns of the shared datasets read straight from the CSV text (an empty field is NaN or null), for tests that need real streams.</summary>
internal static class SketchData
{
    private static readonly Dictionary<string, string[][]> Files = [];

    public static double[] Numeric(string file, string column) =>
        Text(file, column).Select(t => t.Length == 0 ? double.NaN : double.Parse(t, CultureInfo.InvariantCulture)).ToArray();

    public static string?[] Categorical(string file, string column) => Text(file, column).Select(t => t.Length == 0 ? null : t).ToArray();

    /// <summary>Cuts a column into <paramref name="chunks"/> contiguous pieces of near-equal size, in order.</summary>
    public static T[][] Chunks<T>(T[] values, int chunks) =>
        Enumerable.Range(0, chunks).Select(c => values[(int)((long)values.Length * c / chunks)..(int)((long)values.Length * (c + 1) / chunks)]).ToArray();

    /// <summary>
    /// A synthetic stream of n values (seeded, so the same every run): "uniform" on [0, 1), "normal" (Box–Muller), "ascending" 0..n−1,
    /// "descending" n−1..0, "ties" (nine distinct values, one of them over half the stream), "periodic" (i mod 48, a period that a sampler
    /// picking a fixed offset in blocks of 16 would alias).
    /// </summary>
    public static double[] Stream(string kind, int n, int seed = 1)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = kind switch
            {
                "uniform" => random.NextDouble(),
                "normal" => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()),
                "ascending" => i,
                "descending" => n - 1 - i,
                "ties" => random.Next(2) == 0 ? 3 : random.Next(9),
                "periodic" => i % 48,
                _ => throw new ArgumentException($"no stream '{kind}'", nameof(kind)),
            };
        }

        return values;
    }

    private static string[] Text(string file, string column)
    {
        string[][] rows;
        lock (Files)
        {
            if (!Files.TryGetValue(file, out rows!))
            {
                rows = File.ReadAllLines(RepoFiles.PathOf(file)).Select(l => l.Split(',')).ToArray();
                Files[file] = rows;
            }
        }

        var at = Array.IndexOf(rows[0], column);
        Assert.True(at >= 0, $"{file} has no column '{column}'");
        return rows.Skip(1).Select(r => r[at]).ToArray();
    }
}
