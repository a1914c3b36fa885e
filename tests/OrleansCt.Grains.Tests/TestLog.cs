using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansCt.Abstractions.Serialization;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;
using OrleansCt.Storage;
using OrleansCt.Storage.Faults;
using OrleansCt.Storage.Log;
using OrleansCt.Storage.Sqlite;
using OrleansCt.Testing;

namespace OrleansCt.Grains.Tests;

/// <summary>A real SQLite event log in a folder of its own, and model logs over it, as the model grain opens them.</summary>
public sealed class TestLog : IAsyncDisposable
{
    public const string Model = "m";

    private static readonly Serializer s_serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(EventsEntry).Assembly).AddAssembly(typeof(EventBatchSurrogate).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private readonly SqliteDatabase _database = SqliteDatabase.Open(TestFolders.Create("grains"));

    public TestLog()
    {
        EventLog = new SqliteEventLog(_database);
    }

    public SqliteEventLog EventLog { get; }

    /// <summary>The database under the log (to cap its size: a full disk).</summary>
    public SqliteDatabase Database => _database;

    public static LogCodec Codec { get; } = new(s_serializer);

    /// <summary>Snapshots made with the serializer a silo has.</summary>
    public static SnapshotFactory Snapshots { get; } = new(s_serializer);

    public static ModelDefinition Definition { get; } = new()
    {
        Task = ModelTask.Binary,
        Target = "y",
        Classes = ["no", "yes"],
        Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }, new FeatureSpec { Name = "c", Type = FeatureType.Categorical }],
    };

    /// <summary>A model log opened at <paramref name="nowUnixMs"/> (reads the last sequence and warms memory from the stored indexes).</summary>
    /// <param name="guarded">Through the storage-fault guard, as a silo opens it: storage failures raise StorageUnavailableException.</param>
    internal async Task<ModelLog> OpenAsync(long nowUnixMs = 0, ModelGrainOptions? options = null, bool guarded = false)
    {
        IEventLog eventLog = guarded ? new GuardedEventLog(EventLog, StorageKinds.Sqlite) : EventLog;
        var log = new ModelLog(Model, eventLog, Codec, options ?? new ModelGrainOptions());
        await log.OpenAsync(nowUnixMs, CancellationToken.None);
        return log;
    }

    /// <summary>An events entry of one row per id: x = 1, 2, …, c = "a", predictions (1 − p, p) with p = 0.1, 0.2, ….</summary>
    internal static EventsEntry Events(long arrivalUnixMs, string[] ids, double[]? labels = null) => new(
        arrivalUnixMs,
        new EventBatch
        {
            Ids = ids,
            Times = [.. ids.Select((_, i) => (double)i)],
            Numeric = [[.. ids.Select((_, i) => i + 1.0)]],
            Categorical = [[.. ids.Select(_ => "a")]],
            Labels = labels,
        },
        new Predictions(2, [.. ids.SelectMany((_, i) => new[] { 1 - ((i + 1) / 10.0), (i + 1) / 10.0 })]),
        "1",
        0,
        "d");

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
