using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrleansCt.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of what the core loop calls per event: the sketch primitives (single and column adds), the
/// monitor's per-row and column-wise feeding patterns, and the learner's predict and learn. In process (no generated project), so the
/// full run takes about a minute and a half and <c>--short</c> about fifteen seconds; <c>--filter TEXT</c> keeps the benchmarks whose name
/// contains TEXT, <c>--verbose</c> shows BenchmarkDotNet's own log.
/// </summary>
public static class MicroScenario
{
    private static readonly Type[] Suites =
    [
        typeof(QuantileSketchBenchmarks),
        typeof(NumericSketchBenchmarks),
        typeof(MomentsBenchmarks),
        typeof(FixedHistogramBenchmarks),
        typeof(CategoricalSketchBenchmarks),
        typeof(LearnerBenchmarks),
        typeof(CoMomentsBenchmarks),
        typeof(MonitorPatternBenchmarks),
    ];

    public static int Run(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var filter = options.Text("--filter", string.Empty);

        // Short: five warm-ups and three 40 ms iterations each, printed not asserted (CI; long enough for tiered compilation to reach
        // optimised code, which a single cold invocation would not); full: enough iterations for a stable median.
        var job = (options.Short
                ? Job.Default.WithWarmupCount(5).WithIterationCount(3).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(40))
                : Job.Default.WithWarmupCount(3).WithIterationCount(15).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(150)))
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(options.Short ? "short" : "micro");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(args.Contains("--verbose") ? ConsoleLogger.Default : NullLogger.Instance)
            .AddFilter(new BenchmarkDotNet.Filters.SimpleFilter(b => filter.Length == 0 || Name(b).Contains(filter, StringComparison.OrdinalIgnoreCase)))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "orleansct-benchmarkdotnet"))
            .WithOptions(ConfigOptions.DisableLogFile);

        MonitorPatternBenchmarks.CheckSameSketches();
        var summaries = BenchmarkRunner.Run(Suites, config);
        var rows = summaries.SelectMany(s => s.Reports).Select(r => (Name: Name(r.BenchmarkCase), Ns: r.ResultStatistics?.Median ?? double.NaN, Error: r.ResultStatistics?.StandardDeviation ?? double.NaN)).ToList();

        Console.WriteLine($"micro-benchmarks, BenchmarkDotNet in process, {(options.Short ? "short job: 5 warm-ups, 3 iterations of 40 ms" : "3 warm-ups, 15 iterations of 150 ms")} ({Stats.Machine()})");
        Console.WriteLine("  ns per value added (or per event / per row where the name says so), median of the iterations, ± their standard deviation");
        Console.WriteLine("  (checked first: the per-row and column-wise monitor patterns leave the same sketches, bit for bit):");
        foreach (var (name, ns, error) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-52} {ns,9:F2} ns  ± {error:F2}"));
        }

        if (rows.Count == 0 || rows.Any(r => double.IsNaN(r.Ns)))
        {
            Console.WriteLine("  some benchmarks gave no result; run with --verbose to see BenchmarkDotNet's log");
        }

        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "micro",
                @short = options.Short,
                machine = Stats.Machine(),
                results = rows.Select(r => new { name = r.Name, nsPerOperation = r.Ns, standardDeviation = r.Error }).ToArray(),
            }));
        }

        return rows.Count > 0 ? 0 : 1;
    }

    private static string Name(BenchmarkCase b)
    {
        var parameters = b.Parameters.Items.Count == 0 ? string.Empty : $"({string.Join(", ", b.Parameters.Items.Select(p => $"{p.Name}={p.Value}"))})";
        return $"{b.Descriptor.Type.Name.Replace("Benchmarks", string.Empty, StringComparison.Ordinal)}.{b.Descriptor.WorkloadMethod.Name}{parameters}";
    }
}
