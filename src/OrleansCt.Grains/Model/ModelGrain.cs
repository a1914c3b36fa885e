using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Monitoring;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Serving;
using OrleansCt.Storage;
using OrleansCt.Storage.Catalog;
using OrleansCt.Storage.Faults;
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
    ChampionModels champions,
    StorageHealth health,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    IOptions<ModelGrainOptions> options,
    IOptions<Training.TrainingOptions> training,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    private readonly ModelGrainOptions _options = options.Value;
    private readonly CheckpointSchedule _schedule = new(options.Value);
    private CoalescedWrite _checkpoints = null!;
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
    private bool _reloading;

    private string Model => this.GetPrimaryKeyString();

    private long NowUnixMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _checkpoints = new CoalescedWrite(WriteCheckpointAsync);
        _log = new ModelLog(Model, eventLog, codec, _options);
        await _log.OpenAsync(NowUnixMs, cancellationToken);
        _applier = new ModelApplier(checkpoint.State);
        _pipeline = new AppendPipeline(Model, _log, _applier, OnApplied, FeedWindows, OnBroke, logger);
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

            // A full disk must not keep the model from activating: its reads answer, and the log still holds what was replayed.
            await TryCheckpointAsync();
        }

        _champion = _applier.Champion;
        PublishSnapshot(force: _snapshot is null || _snapshot.Version != _champion.Version);
        _pipeline.Resume();
        _gatesRestored = training.Value.ModelledSeconds is null || _applier.Schema is null ? Task.CompletedTask : RestoreRetrainGatesAsync();
        FeedWindows();
        _checkpointTimer = this.RegisterGrainTimer(OnCheckpointTimer, _options.CheckpointInterval, _options.CheckpointInterval);
        _retentionTimer = this.RegisterGrainTimer(OnRetentionTimer, _options.RetentionInterval, _options.RetentionInterval);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _checkpointTimer?.Dispose();
        _retentionTimer?.Dispose();
        if (_pipeline.Broken)
        {
            // What was applied may lag what is durable; the next activation replays from the last checkpoint.
            return;
        }

        await _pipeline.EnsureAppliedAsync();
        if (_schedule.Pending)
        {
            await TryCheckpointAsync();
        }
    }

    public async Task<RegisterResult> Register(ModelDefinition definition)
    {
        if (Registration.Invalid(definition) is { } invalid)
        {
            return invalid;
        }

        await ThrowIfCannotWriteAsync();
        await _pipeline.EnsureAppliedAsync();
        var current = _applier.Schema?.Definition;
        if (Registration.Refusal(current, definition) is { } refused)
        {
            return refused;
        }

        var entry = new DefinitionEntry(NowUnixMs, definition, _pipeline.ReservedRevision + 1);
        await _pipeline.Append(entry, []).Durable;
        await _pipeline.EnsureAppliedAsync();
        await catalog.UpsertAsync(Model, Registration.Json(definition), NowUnixMs);
        PublishSnapshot(force: false);
        await TryCheckpointAsync();
        return new RegisterResult(current is null ? RegisterStatus.Created : RegisterStatus.Updated, definition, []);
    }

    public async Task<ModelInfo?> GetInfo()
    {
        await _pipeline.SettleAsync();
        if (_applier.Schema is not { } schema)
        {
            return null;
        }

        var overall = _applier.Monitor!.WholeStream();
        var performance = overall.Classification is { } classification
            ? Performance.Of(classification.Values())
            : Performance.Of(overall.Regression!.Values());
        return new ModelInfo(Model, schema.Definition, _applier.Champion.Version, _applier.Events, _applier.Labels,
            _applier.UnmatchedLabels, _applier.Learner!.Updates, _log.LastSequence, _persistedSequence, performance,
            _snapshot!.Sequence, _snapshot.Digest, checkpoint.State.Retention);
    }

    public async Task<ModelSnapshot?> GetSnapshot()
    {
        await _pipeline.SettleAsync();
        return _snapshot;
    }

    public async Task<StatsResult> GetStats(string window)
    {
        await _pipeline.SettleAsync();
        if (_applier.Schema is not { } schema)
        {
            return new StatsResult(ReadStatus.NotFound, [], null);
        }

        if (!WindowSpec.TryParse(window, out var spec, out var error))
        {
            return new StatsResult(ReadStatus.Invalid, [error!], null);
        }

        return new StatsResult(ReadStatus.Ok, [], StatsReport.Build(Model, schema, _applier.Monitor!, spec, _applier.UnmatchedLabels));
    }

    /// <summary>Publishes a new snapshot when SnapshotRule says one is due (or <paramref name="force"/>), at entry boundaries.</summary>
    private void PublishSnapshot(bool force)
    {
        if (_applier.Learner is not { } learner)
        {
            return;
        }

        var eventTime = _applier.Monitor!.Buckets.MaxEventTime;
        if (force || _snapshot?.Version != _applier.Champion.Version || SnapshotRule.IsDue(_snapshot, _applier.Revision, learner.Updates, eventTime, checkpoint.State, _options))
        {
            _snapshot = snapshots.Create(Model, _applier);
            SnapshotRule.Published(checkpoint.State, _snapshot, learner.Updates, eventTime);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} replayed {Count} log entries up to sequence {Sequence}")]
    private partial void LogReplayed(string model, int count, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} retention dropped {Entries} log entries ({Events} events, {Bytes} bytes)")]
    private partial void LogTrimmed(string model, long entries, long events, long bytes);
}
