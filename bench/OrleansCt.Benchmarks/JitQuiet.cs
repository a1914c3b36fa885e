using System.Diagnostics;

namespace OrleansCt.Benchmarks;

/// <summary>
/// Warm-up until the JIT is quiet: a silo recompiles its hot paths for tens of seconds after start (instrumented, then optimized
/// tiers; while the instrumented code runs, its PGO probes take up to a third of the CPU), which a live service pays once. The
/// load runs in windows until every silo's tiered-compilation threads used under 0.05 s of CPU in one, or the time limit.
/// </summary>
public static class JitQuiet
{
    private const double QuietSeconds = 0.05;

    /// <summary>Runs <paramref name="window"/> until quiet or <paramref name="limitSeconds"/>; says how it went.</summary>
    public static async Task<string> WarmUpAsync(IReadOnlyList<int> pids, Func<Task> window, double limitSeconds)
    {
        var clock = Stopwatch.StartNew();
        var (windows, jit) = (0, double.NaN);
        do
        {
            var before = pids.Select(Machine.Threads).ToArray();
            await window();
            jit = pids.Select((pid, i) => Compiling(Machine.Threads(pid), before[i])).Max();
            windows++;
        }
        while (jit >= QuietSeconds && clock.Elapsed.TotalSeconds < limitSeconds);

        return $"warm-up {windows} windows ({clock.Elapsed.TotalSeconds:F0} s) until the JIT was quiet: tiered compilation used {jit:F2} s in the last"
            + (jit >= QuietSeconds ? " (time limit reached; figures may include JIT work)" : "");
    }

    private static double Compiling(Dictionary<int, (string Name, double Seconds)> now, Dictionary<int, (string Name, double Seconds)> before) =>
        now.Where(t => t.Value.Name.StartsWith(".NET Tiered", StringComparison.Ordinal))
            .Sum(t => t.Value.Seconds - (before.TryGetValue(t.Key, out var b) ? b.Seconds : 0));
}
