using System.Diagnostics;
using System.Text.Json;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Tests.Learning;
using OrleansCt.Training.Artifacts;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;

namespace OrleansCt.Benchmarks;

/// <summary>
/// ML.NET training under the featurisation contract: seconds per 10,000 rows of every trainer on elec2 (binary, file order:
/// train on the first rows, hold out the next ones) and housing (regression, rows shuffled with seed 1 since the file is
/// grouped by place), with held-out metrics; then scoring throughput of a loaded LightGBM and a linear model over batches
/// of 100 rows. Each trainer first trains once on 500 rows so that the timed run does not pay for compiling ML.NET's code.
/// </summary>
public static class TrainingScenario
{
    public static int Run(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var rows = options.Int("--rows", options.Short ? 4_000 : 10_000);
        var holdout = options.Short ? 1_000 : 2_000;
        var elec2 = TrainingRows.From(new ModelSchema(Elec2.Definition(new LearnerSpec())), Elec2.Batch);
        var housingSchema = new ModelSchema(Housing.Definition(new LearnerSpec()));
        var housing = TrainingRows.From(housingSchema, Shuffled(Housing.Batch, 1));
        Console.WriteLine($"training: {rows:N0} rows, {holdout:N0} held out, one thread per trainer ({Machine.Cores} cores, {Machine.Cpu}, load average {LoadAverage()}); ML.NET {ModelTrainer.MlNetVersion}");
        var results = new List<object>();
        foreach (var (name, data) in new[] { ("elec2", elec2), ("housing", housing) })
        {
            var (train, test) = data.Slice(0, rows + holdout).SplitNewest(holdout);
            foreach (var kind in Trainers(data.Schema.Task))
            {
                var spec = new TrainerSpec(kind);
                ModelTrainer.Train(data.Slice(0, 500), spec);
                var trained = ModelTrainer.Train(train, spec);
                var metrics = ValidationMetrics.Of(trained.Model, test);
                var per10k = trained.Cost.Seconds / train.Count * 10_000;
                var quality = data.Schema.IsClassification
                    ? $"accuracy {metrics.Accuracy:F4}, log loss {metrics.LogLoss:F4}, AUC {metrics.Auc:F4}"
                    : $"RMSE {metrics.Rmse:N0}, MAE {metrics.Mae:N0}, R² {metrics.R2:F4}";
                Console.WriteLine($"  {name,-8} {kind,-22} {per10k,7:F3} s per 10,000 rows ({trained.Cost.Seconds:F3} s), zip {trained.Artifact.Size / 1024.0,7:F1} KB; held out: {quality}");
                results.Add(new { dataset = name, trainer = kind.ToString(), secondsPer10k = per10k, seconds = trained.Cost.Seconds, zipBytes = trained.Artifact.Size, metrics });
            }
        }

        var seconds = options.Seconds(3, 1);
        foreach (var kind in new[] { TrainerKind.LightGbm, TrainerKind.Lbfgs })
        {
            var model = ModelTrainer.Train(elec2.Slice(0, rows), new TrainerSpec(kind)).Model;
            var (rate, median) = ScoringRate(model, elec2.Slice(rows, 10_000).ToBatch(), seconds);
            Console.WriteLine($"  scoring  {kind,-22} {rate,10:N0} rows/s in batches of 100 (median {median * 1e6:F0} µs per batch), one thread");
            results.Add(new { scoring = kind.ToString(), rowsPerSecond = rate, medianBatchSeconds = median });
        }

        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { scenario = "training", rows, holdout, results }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        }

        return 0;
    }

    /// <summary>The 1-minute load average (Linux), to read the figures by: other processes' work slows every trainer.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static IEnumerable<TrainerKind> Trainers(ModelTask task) =>
        Enum.GetValues<TrainerKind>().Where(k => new TrainerSpec(k).Validates(task));

    private static bool Validates(this TrainerSpec spec, ModelTask task)
    {
        try
        {
            spec.Validate(task);
            return true;
        }
        catch (TrainerSpecException)
        {
            return false;
        }
    }

    /// <summary>Rows per second scoring 100-row batches in turn for <paramref name="seconds"/>, after a second of warm-up, and the median batch time.</summary>
    private static (double Rate, double Median) ScoringRate(LoadedModel model, EventBatch source, double seconds)
    {
        var batches = Enumerable.Range(0, source.Count / 100).Select(i => Slice(source, i * 100, 100)).ToArray();
        var warm = Stopwatch.StartNew();
        for (var i = 0; warm.Elapsed.TotalSeconds < 1; i++)
        {
            model.Score(batches[i % batches.Length]);
        }

        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var start = clock.Elapsed.TotalSeconds;
            model.Score(batches[times.Count % batches.Length]);
            times.Add(clock.Elapsed.TotalSeconds - start);
        }

        times.Sort();
        return (times.Count * 100 / clock.Elapsed.TotalSeconds, times[times.Count / 2]);
    }

    private static EventBatch Slice(EventBatch batch, int start, int count) => Gather(batch, [.. Enumerable.Range(start, count)]);

    /// <summary>The batch's rows in a random order (seeded Fisher–Yates).</summary>
    private static EventBatch Shuffled(EventBatch batch, int seed)
    {
        var order = Enumerable.Range(0, batch.Count).ToArray();
        new Random(seed).Shuffle(order);
        return Gather(batch, order);
    }

    private static EventBatch Gather(EventBatch batch, int[] rows) => new()
    {
        Ids = [.. rows.Select(r => batch.Ids[r])],
        Times = [.. rows.Select(r => batch.Times[r])],
        Numeric = [.. batch.Numeric.Select(c => rows.Select(r => c[r]).ToArray())],
        Categorical = [.. batch.Categorical.Select(c => rows.Select(r => c[r]).ToArray())],
        Labels = batch.Labels is { } labels ? [.. rows.Select(r => labels[r])] : null,
    };
}
