using OrleansCt.Core.Drift.Detectors;

namespace OrleansCt.Core.Tests.Drift.Detectors;

/// <summary>The streams of River's documented drift examples, rebuilt with the CPython random port exactly as Reference/drift_streams_reference.py builds them.</summary>
internal static class RiverStreams
{
    /// <summary>rng = random.Random(12345); rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000) (ADWIN, PageHinkley, KSWIN examples).</summary>
    public static double[] TwoDistributions()
    {
        var rng = new PythonRandom(12345);
        var stream = new double[2000];
        for (var i = 0; i < 1000; i++)
        {
            stream[i] = Choice(rng, 2);
        }

        for (var i = 1000; i < 2000; i++)
        {
            stream[i] = 4 + Choice(rng, 4);
        }

        return stream;
    }

    /// <summary>
    /// rng = random.Random(42); rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000) + rng.choices([0, 1], k=1000)
    /// + rng.choices(range(4, 8), k=1000) (River's river/drift/test_adwin_regression.py, test_multiple_drifts).
    /// </summary>
    public static double[] FourSegments()
    {
        var rng = new PythonRandom(42);
        var stream = new double[4000];
        for (var i = 0; i < 4000; i++)
        {
            stream[i] = (i / 1000) % 2 == 0 ? Choice(rng, 2) : 4 + Choice(rng, 4);
        }

        return stream;
    }

    /// <summary>rng = random.Random(42); rng.choices([0, 1], k=1000) + rng.choices([0, 1], k=1000, weights=[0.3, 0.7]) (DDM, EDDM, HDDM_A, HDDM_W examples).</summary>
    public static double[] BinaryErrors03To07()
    {
        var rng = new PythonRandom(42);
        var stream = new double[2000];
        for (var i = 0; i < 1000; i++)
        {
            stream[i] = Choice(rng, 2);
        }

        for (var i = 1000; i < 2000; i++)
        {
            // choices with weights: bisect_right([0.3, 1.0], random() * 1.0, 0, 1), i.e. 0 below 0.3.
            stream[i] = rng.NextDouble() * 1.0 < 0.3 ? 0 : 1;
        }

        return stream;
    }

    /// <summary>The x column of a shared (index,x) stream.</summary>
    public static double[] ReadShared(string fileName) =>
        File.ReadLines(OrleansCt.Testing.RepoFiles.PathOf("tests/reference/vectors/" + fileName))
            .Skip(1)
            .Select(line => double.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    /// <summary>random.choices without weights: population[floor(random() * n)].</summary>
    private static int Choice(PythonRandom rng, int n) => (int)Math.Floor(rng.NextDouble() * n);
}
