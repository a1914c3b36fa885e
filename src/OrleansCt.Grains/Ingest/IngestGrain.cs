using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using OrleansCt.Abstractions.Ingest;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Storage;
using OrleansCt.Core.Events;
using OrleansCt.Core.Validation;
using OrleansCt.Grains.Serving;

namespace OrleansCt.Grains.Ingest;

/// <summary>
/// Validates and predicts on the silo that received the request, with a cached copy of the champion's snapshot
/// that the model grain refreshes in its answers, then hands the batch to the model grain to log. Reentrant: while one request
/// waits for its model grain (and the log), the activation reads and predicts the next, so a silo's few workers (one per core)
/// keep every core busy rather than one request each in flight.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class IngestGrain([FromKeyedServices(Clock.Key)] TimeProvider time, ChampionModels champions) : Grain, IIngestGrain
{
    private readonly Dictionary<string, CompiledSnapshot> _snapshots = new(StringComparer.Ordinal);

    public Task<IngestResult> Ingest(string model, BatchKind kind, Immutable<byte[]> body) =>
        IngestAsync(model, kind, (schema, arrival) => EventBatchReader.Read(body.Value, schema, kind, arrival));

    public Task<IngestResult> IngestColumns(string model, BatchKind kind, Immutable<EventBatch> batch) =>
        IngestAsync(model, kind, (schema, arrival) => BatchValidator.Validate(batch.Value, schema, kind, arrival));

    /// <summary>Reads (and checks) the batch against the snapshot's schema, predicts, and hands it to the model grain; again on a newer schema.</summary>
    private async Task<IngestResult> IngestAsync(string model, BatchKind kind, Func<Core.Schema.ModelSchema, double, ReadResult<EventBatch>> reader)
    {
        var owner = GrainFactory.GetGrain<IModelGrain>(model);
        var compiled = await GetSnapshotAsync(model, owner);
        for (var attempt = 0; compiled is not null && attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var read = reader(compiled.Schema, now.ToUnixTimeMilliseconds() / 1000.0);
            if (!read.Ok)
            {
                return IngestResult.Failed(read.TooLarge ? IngestStatus.TooLarge : IngestStatus.Invalid, read.Errors);
            }

            var batch = read.Value!;
            var snapshot = compiled.Snapshot;
            // Events sent with labels are predicted by the model grain, test-then-train; the rest here, from the snapshot.
            var prequential = batch.Labels is not null;
            var predictions = prequential ? new Predictions(compiled.Schema.PredictionWidth, []) : compiled.Predict(batch);

            // Under an ML.NET champion the online learner still predicts every row beside it, so it can be judged on the same labels.
            VersionPredictions[]? others = !prequential && compiled.Champion is not null
                ? [new VersionPredictions(Grains.Model.SnapshotFactory.OnlineVersion, compiled.Learner.PredictAll(batch))]
                : null;
            var submission = new EventsSubmission(snapshot.Revision, batch, predictions, snapshot.Version, snapshot.Sequence,
                snapshot.AnsweringDigest, now.ToUnixTimeMilliseconds(), prequential, others);
            var result = await RetryOnReload(() => owner.AppendEvents(new(submission)));
            if (result.Fresh is { } fresh)
            {
                compiled = _snapshots[model] = await CompiledSnapshot.CompileAsync(fresh, champions);
            }

            switch (result.Status)
            {
                case AppendStatus.Stored:
                    return new IngestResult(IngestStatus.Ok, [], batch.Ids, result.Answers, result.Versions,
                        [.. compiled.Schema.Definition.Classes], result.Duplicates);
                case AppendStatus.Rejected:
                    return IngestResult.Failed(IngestStatus.Invalid, result.Errors ?? []);
                case AppendStatus.NotFound:
                    _snapshots.Remove(model);
                    compiled = null;
                    break;
            }
        }

        return NotFound(model);
    }

    public async Task<LabelsIngestResult> IngestLabels(string model, Immutable<byte[]> body)
    {
        var owner = GrainFactory.GetGrain<IModelGrain>(model);
        if (await GetSnapshotAsync(model, owner) is not { } compiled)
        {
            return new LabelsIngestResult(IngestStatus.NotFound, NotFound(model).Errors, null);
        }

        var read = LabelBatchReader.Read(body.Value, compiled.Schema);
        if (!read.Ok)
        {
            return new LabelsIngestResult(read.TooLarge ? IngestStatus.TooLarge : IngestStatus.Invalid, read.Errors, null);
        }

        var result = await RetryOnReload(() => owner.AppendLabels(new(read.Value!)));
        return result.Status == AppendStatus.NotFound
            ? new LabelsIngestResult(IngestStatus.NotFound, NotFound(model).Errors, null)
            : new LabelsIngestResult(IngestStatus.Ok, [], result);
    }

    /// <summary>Once the storage is back, the model's first write finds it reloading from its log: the call goes again, to the fresh activation.</summary>
    private static async Task<T> RetryOnReload<T>(Func<Task<T>> append)
    {
        try
        {
            return await append();
        }
        catch (StorageUnavailableException e) when (e.Reloading)
        {
            return await append();
        }
    }

    private async Task<CompiledSnapshot?> GetSnapshotAsync(string model, IModelGrain owner)
    {
        if (_snapshots.TryGetValue(model, out var cached))
        {
            return cached;
        }

        if (await owner.GetSnapshot() is not { } snapshot)
        {
            return null;
        }

        return _snapshots[model] = await CompiledSnapshot.CompileAsync(snapshot, champions);
    }

    private static IngestResult NotFound(string model) =>
        IngestResult.Failed(IngestStatus.NotFound, [new FieldError("model", $"'{model}' is not registered; PUT /v1/models/{model} first")]);
}
