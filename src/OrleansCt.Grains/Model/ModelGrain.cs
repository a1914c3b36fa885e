using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Labels;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;
using OrleansCt.Grains.Log;
using OrleansCt.Storage;
using OrleansCt.Storage.Catalog;
using OrleansCt.Storage.Log;

namespace OrleansCt.Grains.Model;

/// <summary>
/// A model: the single writer of its log. Appends, answers once the append is durable, then applies the entry
/// (learning, counters) off the answer's path; checkpoints with coalesced writes and replays the log on activation.
/// </summary>
public sealed partial class ModelGrain(
    [PersistentState("model", StorageNames.Grain)] IPersistentState<ModelState> checkpoint,
    IEventLog eventLog,
    IModelCatalog catalog,
    LogCodec codec,
    SnapshotFactory snapshots,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    IOptions<ModelGrainOptions> options,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    private readonly ModelGrainOptions _options = options.Value;
    private Task _writing = Task.CompletedTask;
    private bool _writeAgain;
    private int _entriesSinceCheckpoint;
    private long _eventsSinceCheckpoint;
    private ModelLog _log = null!;
    private ModelApplier _applier = null!;
    private AppendPipeline _pipeline = null!;
    private Deduplicator _dedup = null!;
    private LabelJoiner _labelJoiner = null!;
    private ReferenceBuilder _references = null!;
    private EntryBuilder _entries = null!;
    private ModelSnapshot? _snapshot;
    private IGrainTimer? _checkpointTimer;
    private IGrainTimer? _retentionTimer;

    private string Model => this.GetPrimaryKeyString();

    private long NowUnixMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new ModelLog(Model, eventLog, codec, _options);
        await _log.OpenAsync(NowUnixMs, cancellationToken);
        _applier = new ModelApplier(checkpoint.State);
        _pipeline = new AppendPipeline(Model, _log, _applier, OnApplied, FeedWindows, DeactivateOnIdle, logger);
        _dedup = new Deduplicator(_log, _options.DedupHorizon);
        _labelJoiner = new LabelJoiner(_log);
        _references = new ReferenceBuilder(_log);
        _entries = new EntryBuilder(Model, snapshots);
        checkpoint.State.Monitor = null;
        _persistedSequence = checkpoint.State.AppliedSequence;
        _snapshot = checkpoint.State.Snapshot;
        var replayed = 0;
        await foreach (var (sequence, entry) in _log.ReadAfterAsync(_applier.AppliedSequence))
        {
            _applier.Apply(sequence, entry);
            _log.Remember(sequence, entry);
            PublishSnapshot(force: false);
            replayed++;
        }

        if (replayed > 0)
        {
            LogReplayed(Model, replayed, _applier.AppliedSequence);
            await CheckpointAsync();
        }

        PublishSnapshot(force: _snapshot is null);
        _pipeline.Resume();
        FeedWindows();
        _checkpointTimer = this.RegisterGrainTimer(OnCheckpointTimer, _options.CheckpointInterval, _options.CheckpointInterval);
        _retentionTimer = this.RegisterGrainTimer(OnRetentionTimer, _options.RetentionInterval, _options.RetentionInterval);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _checkpointTimer?.Dispose();
        _retentionTimer?.Dispose();
        await _pipeline.EnsureAppliedAsync();
        if (_entriesSinceCheckpoint > 0)
        {
            await CheckpointAsync();
        }
    }

    public async Task<RegisterResult> Register(ModelDefinition definition)
    {
        var errors = ModelDefinitionValidator.Validate(definition);
        if (errors.Count > 0)
        {
            return new RegisterResult(RegisterStatus.Invalid, null, errors);
        }

        await _pipeline.EnsureAppliedAsync();
        var current = _applier.Schema?.Definition;
        if (current is not null)
        {
            if (SameJson(current, definition))
            {
                return new RegisterResult(RegisterStatus.Unchanged, current, []);
            }

            var conflicts = DefinitionChange.FindIncompatible(current, definition);
            if (conflicts.Count > 0)
            {
                return new RegisterResult(RegisterStatus.Conflict, current, conflicts);
            }
        }

        var entry = new DefinitionEntry(NowUnixMs, definition, _pipeline.ReservedRevision + 1);
        await _pipeline.Append(entry, []).Durable;
        await _pipeline.EnsureAppliedAsync();
        await catalog.UpsertAsync(Model, JsonSerializer.Serialize(definition, JsonDefaults.Options), NowUnixMs);
        PublishSnapshot(force: false);
        await CheckpointAsync();
        return new RegisterResult(current is null ? RegisterStatus.Created : RegisterStatus.Updated, definition, []);
    }

    public async Task<ModelInfo?> GetInfo()
    {
        await _pipeline.EnsureAppliedAsync();
        if (_applier.Schema is not { } schema)
        {
            return null;
        }

        var overall = _applier.Monitor!.WholeStream();
        var performance = overall.Classification is { } classification
            ? Performance.Of(classification.Values())
            : Performance.Of(overall.Regression!.Values());
        return new ModelInfo(Model, schema.Definition, SnapshotFactory.OnlineVersion, _applier.Events, _applier.Labels,
            _applier.UnmatchedLabels, _applier.Learner!.Updates, _log.LastSequence, _persistedSequence, performance,
            _snapshot!.Sequence, _snapshot.Digest, checkpoint.State.Retention);
    }

    public async Task<ModelSnapshot?> GetSnapshot()
    {
        await _pipeline.EnsureAppliedAsync();
        return _snapshot;
    }

    private static bool SameJson(ModelDefinition a, ModelDefinition b) =>
        JsonSerializer.Serialize(a, JsonDefaults.Options) == JsonSerializer.Serialize(b, JsonDefaults.Options);

    /// <summary>Publishes a new snapshot when SnapshotRule says one is due (or <paramref name="force"/>), at entry boundaries.</summary>
    private void PublishSnapshot(bool force)
    {
        if (_applier.Learner is not { } learner)
        {
            return;
        }

        var eventTime = _applier.Monitor!.Buckets.MaxEventTime;
        if (force || SnapshotRule.IsDue(_snapshot, _applier.Revision, learner.Updates, eventTime, checkpoint.State, _options))
        {
            _snapshot = snapshots.Create(Model, _applier);
            SnapshotRule.Published(checkpoint.State, _snapshot, learner.Updates, eventTime);
        }
    }

    private async Task OnCheckpointTimer(CancellationToken cancellationToken)
    {
        FeedWindows();
        if (_entriesSinceCheckpoint > 0)
        {
            await _pipeline.EnsureAppliedAsync();
            await CheckpointAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} replayed {Count} log entries up to sequence {Sequence}")]
    private partial void LogReplayed(string model, int count, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} retention dropped {Entries} log entries ({Events} events, {Bytes} bytes)")]
    private partial void LogTrimmed(string model, long entries, long events, long bytes);
}
