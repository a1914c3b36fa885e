using Microsoft.Extensions.Logging;
using OrleansCt.Abstractions.Storage;

namespace OrleansCt.Grains.Model;

/// <remarks>
/// When the storage fails (disk full, server stopped): the append that met it and every request that writes answer
/// <see cref="StorageUnavailableException"/> (503 at the HTTP edge) with nothing stored; reads go on answering from what was
/// applied, which is a durable prefix of the log. The activation stays. The first write after a probe finds the storage
/// writable again deactivates it, and answers "reloading" so that the caller retries at once on a fresh activation, which
/// replays the log from the checkpoint: the sequences this one handed out past the failure are never reused half-built.
/// </remarks>
public sealed partial class ModelGrain
{
    // How old a probe's result a waiting write accepts: a flood of writes while the disk is full probes about once a second.
    private static readonly TimeSpan s_probeAge = TimeSpan.FromSeconds(1);

    private void OnBroke(Exception exception)
    {
        if (exception is not StorageUnavailableException)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>Before a write: throws while the pipeline is broken; when it broke on the storage and the storage is back, starts the reload.</summary>
    private async Task ThrowIfCannotWriteAsync()
    {
        if (!_pipeline.Broken)
        {
            return;
        }

        if (!_pipeline.BrokenByStorage || !(await health.CheckAsync(s_probeAge)).Ok)
        {
            _pipeline.ThrowIfBroken();
        }

        if (!_reloading)
        {
            _reloading = true;
            LogStorageBack(Model);
            DeactivateOnIdle();
        }

        throw new StorageUnavailableException(health.Storage, StorageProblem.Failing, $"Model '{Model}' is reloading from its log now that the {health.Storage} storage takes writes again; retry the request.")
        {
            Reloading = true,
        };
    }

    /// <summary>A checkpoint that may wait: when the storage cannot take it, the entries stay in the log to be replayed.</summary>
    private async Task TryCheckpointAsync()
    {
        try
        {
            await CheckpointAsync();
        }
        catch (Exception exception) when (StorageUnavailableException.In(exception) is not null)
        {
            // Orleans may wrap the storage's exception in its own.
            LogCheckpointDeferred(exception, Model);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: the storage takes writes again; deactivating to replay the log")]
    private partial void LogStorageBack(string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} could not checkpoint (the storage is unavailable); the log keeps what it would have covered")]
    private partial void LogCheckpointDeferred(Exception exception, string model);
}
