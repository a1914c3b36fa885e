using System.Diagnostics;
using System.Text.Json;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;
using OrleansCt.Testing;

namespace OrleansCt.Benchmarks;

/// <summary>
/// elec2 prequential (predict a row, then learn it), side by side: our default learner and our learner set up as
/// SGDClassifier() (hinge, optimal, alpha 1e-4), against scikit-learn's SGDClassifier().partial_fit one row at a time
/// with online standardisation, run by reference/sklearn_elec2.py under Debian's /usr/bin/python3.
/// </summary>
public static class SklearnScenario
{
    private const string Python = "/usr/bin/python3";
    private const int ShortRows = 3_000;

    public static int Run(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var rows = options.Short ? ShortRows : 0;
        var reps = options.Short ? 3 : 7;
        var stream = Elec2Stream.Load(rows);
        var ours = Measure("default", new LearnerSpec(), stream, reps);
        var sklearnSetup = Measure("hinge/optimal/L2 1e-4", new LearnerSpec { Loss = "hinge", Schedule = "optimal", L2 = 1e-4 }, stream, reps);
        Console.WriteLine($"elec2 prequential, file order, {stream.Count:N0} rows, one thread ({Stats.Machine()})");
        foreach (var r in new[] { ours, sklearnSetup })
        {
            Console.WriteLine($"  OrleansCt {r.Name,-24} accuracy {r.Accuracy:F4}  {r.MicrosecondsPerRow:F3} µs/row = {1 / r.MicrosecondsPerRow:F2} M rows/s (median of {reps}; includes standardisation and encoding)");
        }

        var (sklearn, skipped) = RunSklearn(rows);
        if (sklearn is { } s)
        {
            Console.WriteLine($"  scikit-learn {s.Version} SGDClassifier() accuracy {s.Accuracy:F4}  {s.MicrosecondsPerRow:F1} µs/row (predict + partial_fit only)");
            Console.WriteLine($"  ratio: OrleansCt default is {s.MicrosecondsPerRow / ours.MicrosecondsPerRow:F0}x faster per row; same algorithm (hinge/optimal) {s.MicrosecondsPerRow / sklearnSetup.MicrosecondsPerRow:F0}x");
        }
        else
        {
            Console.WriteLine($"  scikit-learn: skipped ({skipped})");
        }

        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "sklearn",
                @short = options.Short,
                machine = Stats.Machine(),
                rows = stream.Count,
                ours = new[] { ours, sklearnSetup },
                sklearn,
                sklearnSkipped = skipped,
                speedup = sklearn is null ? (double?)null : sklearn.MicrosecondsPerRow / ours.MicrosecondsPerRow,
            }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        }

        return 0;
    }

    private static LearnerResult Measure(string name, LearnerSpec spec, EventBatch stream, int reps)
    {
        var schema = new ModelSchema(Elec2Stream.Definition(spec));
        var accuracy = 0.0;
        var times = new List<double>();
        for (var r = -2; r < reps; r++)
        {
            // Runs -2 and -1 are warm-up.
            var learner = OnlineLearner.Create(schema);
            var start = Stopwatch.GetTimestamp();
            var predictions = learner.PredictThenLearn(stream, schema.PredictionWidth);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            accuracy = Accuracy(predictions, stream.Labels!);
            if (r >= 0)
            {
                times.Add(elapsed * 1e6 / stream.Count);
            }
        }

        return new LearnerResult(name, accuracy, Stats.Median(times));
    }

    private static double Accuracy(Predictions predictions, double[] labels)
    {
        var correct = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            correct += predictions.ArgMax(row) == (int)labels[row] ? 1 : 0;
        }

        return correct / (double)labels.Length;
    }

    private static (SklearnResult? Result, string? Skipped) RunSklearn(int rows)
    {
        if (!File.Exists(Python))
        {
            return (null, $"{Python} does not exist; install Debian's Python and scikit-learn: apt-get install -y python3-sklearn");
        }

        var script = Path.Combine(AppContext.BaseDirectory, "reference", "sklearn_elec2.py");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(RepoFiles.PathOf(Elec2Stream.RelativePath));
        if (rows > 0)
        {
            start.ArgumentList.Add("--rows");
            start.ArgumentList.Add(rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 3)
        {
            return (null, $"{Python} lacks scikit-learn; install it with: apt-get install -y python3-sklearn");
        }

        if (process.ExitCode != 0)
        {
            return (null, $"{script} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        }

        using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        return (new SklearnResult(root.GetProperty("sklearn").GetString()!, root.GetProperty("accuracy").GetDouble(), root.GetProperty("usPerRow").GetDouble(), root.GetProperty("rows").GetInt32()), null);
    }

    private sealed record LearnerResult(string Name, double Accuracy, double MicrosecondsPerRow);

    private sealed record SklearnResult(string Version, double Accuracy, double MicrosecondsPerRow, int Rows);
}
