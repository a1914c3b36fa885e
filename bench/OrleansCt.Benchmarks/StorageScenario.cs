using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansCt.Abstractions.Serialization;
using OrleansCt.Core.Hashing;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;
using OrleansCt.Storage.Log;
using OrleansCt.Storage.Postgres;
using OrleansCt.Storage.Sqlite;
using OrleansCt.Testing;

namespace OrleansCt.Benchmarks;

/// <summary>
/// Event-log append rate with 1,000-event entries: SQLite (synchronous full and normal, WAL, group commit) and PostgreSQL,
/// one model appending in sequence and 8 models appending at once. The payload is a real EventsEntry (10 numeric
/// features, labels, predictions) encoded by the grains' LogCodec through Orleans' serializer, with its id hashes.
/// </summary>
public static class StorageScenario
{
    private const int ConcurrentModels = 8;
    private const int DistinctRecords = 32;

    public static int Run(string[] args) => RunAsync(BenchArgs.Parse(args)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(BenchArgs options)
    {
        var (seconds, reps) = options.Short ? (0.5, 1) : (3.0, 3);
        var templates = Templates();
        var payload = templates[0].Payload.Length;
        var idBlock = templates[0].IdHashes.Length * sizeof(ulong);
        Console.WriteLine($"log append, entries of {CoreData.BatchSize:N0} events: payload {payload:N0} B ({payload / (double)CoreData.BatchSize:F1} B/event) + id block {idBlock:N0} B; {reps} x {seconds} s per figure ({Stats.Machine()})");
        Console.WriteLine($"  temp folder: {TestFolders.Root} on {FileSystemOf(TestFolders.Root)}");

        var results = new List<object>();
        foreach (var synchronous in new[] { "full", "normal" })
        {
            await using var database = SqliteDatabase.Open(TestFolders.Create($"sqlite-{synchronous}"), synchronous);
            var log = new SqliteEventLog(database);
            results.AddRange(await MeasureAsync($"sqlite synchronous={synchronous}", log, templates, seconds, reps));
        }

        string? postgresSkipped = null;
        string connection;
        try
        {
            connection = await TestServers.CreatePostgresDatabaseAsync("bench");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            connection = string.Empty;
            postgresSkipped = e.Message;
            Console.WriteLine($"  postgres: skipped, could not start or reach a server ({e.Message}); set {TestServers.PostgresVariable} to use an existing one");
        }

        if (postgresSkipped is null)
        {
            await using var database = new PostgresDatabase(connection);
            results.AddRange(await MeasureAsync("postgres", new PostgresEventLog(database), templates, seconds, reps));
        }

        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "storage",
                @short = options.Short,
                machine = Stats.Machine(),
                eventsPerAppend = CoreData.BatchSize,
                payloadBytes = payload,
                idBlockBytes = idBlock,
                results,
                postgresSkipped,
            }));
        }

        return 0;
    }

    private static async Task<List<object>> MeasureAsync(string backend, IEventLog log, LogRecord[] templates, double seconds, int reps)
    {
        var results = new List<object>();
        var sequences = new long[ConcurrentModels];

        // Warm-up: connections, statements and the tables' first pages.
        for (var i = 0; i < 20; i++)
        {
            await log.AppendAsync(templates[i % templates.Length] with { Model = "m0", Sequence = ++sequences[0] });
        }

        foreach (var models in new[] { 1, ConcurrentModels })
        {
            var rates = new List<double>();
            for (var r = 0; r < reps; r++)
            {
                var stop = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
                var start = Stopwatch.GetTimestamp();
                var counts = await Task.WhenAll(Enumerable.Range(0, models).Select(m => Task.Run(async () =>
                {
                    var appended = 0;
                    while (Stopwatch.GetTimestamp() < stop)
                    {
                        await log.AppendAsync(templates[appended % templates.Length] with { Model = $"m{m}", Sequence = Interlocked.Increment(ref sequences[m]) });
                        appended++;
                    }

                    return appended;
                })));
                rates.Add(counts.Sum() / Stopwatch.GetElapsedTime(start).TotalSeconds);
            }

            var appends = Stats.Median(rates);
            var megabytes = appends * templates[0].Payload.Length / 1e6;
            Console.WriteLine($"  {backend,-26} {(models == 1 ? "1 model " : $"{models} models"),-9} {appends,8:N0} appends/s  {appends * CoreData.BatchSize / 1e6,6:F2} M events/s  {megabytes,7:F1} MB/s payload");
            results.Add(new { backend, models, appendsPerSecond = appends, eventsPerSecond = appends * CoreData.BatchSize, payloadMegabytesPerSecond = megabytes });
        }

        return results;
    }

    /// <summary>Log rows as the model grain writes them, for distinct batches; the benchmark only changes model and sequence.</summary>
    private static LogRecord[] Templates()
    {
        var services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(EventsEntry).Assembly).AddAssembly(typeof(EventBatchConverter).Assembly))
            .BuildServiceProvider();
        var codec = new LogCodec(services.GetRequiredService<Serializer>());
        var schema = new ModelSchema(CoreData.Definition());
        var learner = OnlineLearner.Create(schema);
        var batches = CoreData.Batches(DistinctRecords, DistinctRecords, seed: 3);
        var arrival = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return batches.Select((b, i) =>
        {
            var batch = CoreData.WithIds(b, (long)i * CoreData.BatchSize);
            var predictions = learner.PredictThenLearn(batch, schema.PredictionWidth);
            var entry = new EventsEntry(arrival, batch, predictions, "v1", i, Convert.ToHexStringLower(new byte[32]));
            return codec.Encode("m0", i + 1, entry, EventIdHash.Of(batch.Ids));
        }).ToArray();
    }

    private static string FileSystemOf(string path)
    {
        try
        {
            var mount = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).Where(p => p.Length > 2 && path.StartsWith(p[1], StringComparison.Ordinal))
                .MaxBy(p => p[1].Length);
            return mount is null ? "unknown" : $"{mount[2]} ({mount[1]})";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
