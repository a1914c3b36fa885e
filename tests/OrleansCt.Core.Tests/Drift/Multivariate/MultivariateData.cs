using OrleansCt.Core.Drift.Multivariate;

namespace OrleansCt.Core.Tests.Drift.Multivariate;

/// <summary>Deterministic rows for the multivariate tests: standard normals by Box–Muller from a seeded <see cref="Random"/>.</summary>
internal static class MultivariateData
{
    /// <summary><paramref name="count"/> rows, each made by <paramref name="row"/> from a fresh standard normal draw per call of the given function.</summary>
    public static double[][] Rows(int count, int seed, Func<Func<double>, double[]> row)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Enumerable.Range(0, count).Select(_ => row(Normal)).ToArray();
    }

    public static CoMoments Of(int dimensions, IEnumerable<double[]> rows)
    {
        var moments = new CoMoments(dimensions);
        foreach (var r in rows)
        {
            moments.Add(r);
        }

        return moments;
    }

    public static CoMoments Of(params double[][] rows) => Of(rows[0].Length, rows);

    /// <summary>Co-moments of consecutive runs of <paramref name="size"/> rows (a shorter tail is dropped), as the buckets a stream keeps.</summary>
    public static List<CoMoments> InBuckets(double[][] rows, int size) =>
        [.. Enumerable.Range(0, rows.Length / size).Select(i => Of(rows[0].Length, rows.Skip(i * size).Take(size)))];

    public static CoMoments Merged(IEnumerable<CoMoments> parts)
    {
        CoMoments? merged = null;
        foreach (var part in parts)
        {
            merged ??= new CoMoments(part.Dimensions);
            merged.Merge(part);
        }

        return merged ?? throw new ArgumentException("no parts", nameof(parts));
    }

    public static double[] Column(double[][] rows, int f) => [.. rows.Select(r => r[f])];
}
