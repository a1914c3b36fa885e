using System.Diagnostics;
using System.Text.Json;
using OrleansCt.Core.Drift.Detectors;

namespace OrleansCt.Benchmarks;

/// <summary>
/// Updates per second of each concept-drift detector at River's defaults, on an error stream like the ones the
/// model grain will feed them: 0/1 errors with a rate that moves from 0.3 to 0.7 every 5,000 updates (binary
/// detectors), or values drawn from one normal distribution and then another (the others). Published anchor:
/// River's ADWIN takes 1.6 ms per 10,000 updates.
/// </summary>
public static class DetectorScenario
{
    public static int Run(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var updates = options.Short ? 200_000 : 2_000_000;
        var random = new Random(42);
        var errors = Enumerable.Range(0, updates).Select(i => random.NextDouble() < ((i / 5_000) % 2 == 0 ? 0.3 : 0.7) ? 1.0 : 0.0).ToArray();
        var values = Enumerable.Range(0, updates).Select(i => ((i / 5_000) % 2 == 0 ? 0.0 : 1.0) + Normal(random)).ToArray();
        var results = new List<object>();
        Console.WriteLine($"concept-drift detectors, River defaults, {updates:N0} updates each, one thread ({Machine.Cores} cores, {Machine.Cpu})");
        foreach (var name in DriftDetectors.Names)
        {
            var stream = name is "ddm" or "eddm" or "hddm-a" or "hddm-w" ? errors : values;
            // Passes over the first 100,000 updates for half a second first, so that the timed passes run the detector's optimized
            // code (tiered compilation recompiles a hot method in the background some 100 ms after its 30th call, later when busy).
            var warming = Stopwatch.StartNew();
            while (warming.ElapsedMilliseconds < 500)
            {
                var warm = DriftDetectors.Create(name);
                foreach (var x in stream.AsSpan(0, Math.Min(stream.Length, 100_000)))
                {
                    warm.Update(x);
                }
            }

            var best = double.MaxValue;
            var drifts = 0;
            for (var repeat = 0; repeat < (options.Short ? 2 : 5); repeat++)
            {
                var detector = DriftDetectors.Create(name);
                drifts = 0;
                var clock = Stopwatch.StartNew();
                foreach (var x in stream)
                {
                    detector.Update(x);
                    drifts += detector.DriftDetected ? 1 : 0;
                }

                best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            }

            var per10k = best / updates * 10_000;
            Console.WriteLine($"  {name,-13} {updates / best * 1_000 / 1e6,6:F2} M updates/s = {per10k,7:F3} ms per 10,000 updates ({drifts:N0} drifts){(name == "adwin" ? $"; River's ADWIN: 1.6 ms (ours {1.6 / per10k:F1}x as fast)" : "")}");
            results.Add(new { detector = name, updatesPerSecond = updates / best * 1_000, msPer10k = per10k, drifts });
        }

        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { scenario = "detectors", updates, results }));
        }

        return 0;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
