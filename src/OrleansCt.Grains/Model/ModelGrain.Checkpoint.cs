using OrleansCt.Abstractions.Models;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <remarks>What the grain keeps: checkpoints of its state (see CheckpointSchedule, CoalescedWrite), and the log they let it trim.</remarks>
public sealed partial class ModelGrain
{
    private long _persistedSequence;

    /// <summary>After each applied entry: publishes a snapshot when one is due, and checkpoints when enough was applied since the last.</summary>
    private void OnApplied(LogEntry entry)
    {
        PublishSnapshot(force: false);
        if (entry is EventsEntry)
        {
            CheckSchedule();
        }

        if (_schedule.Applied(entry))
        {
            _ = CheckpointAsync();
        }
    }

    private Task CheckpointAsync() => _checkpoints.RequestAsync();

    private async Task WriteCheckpointAsync()
    {
        _schedule.Taken();
        _applier.CopyTo(checkpoint.State);
        checkpoint.State.Snapshot = _snapshot;
        var covered = checkpoint.State.AppliedSequence;
        await checkpoint.WriteStateAsync();
        _persistedSequence = covered;

        // The monitor's JSON is as large as the monitor itself: keep it only while it is being written.
        checkpoint.State.Monitor = null;
    }

    private async Task OnCheckpointTimer(CancellationToken cancellationToken)
    {
        FeedWindows();
        SendSignals();
        if (_schedule.Pending && !_pipeline.Broken)
        {
            await _pipeline.EnsureAppliedAsync();
            await TryCheckpointAsync();
        }
    }

    /// <summary>
    /// Drops log entries older than the retention age, then the oldest beyond the size limit — never one that the
    /// stored checkpoint does not cover, since a restart must replay it — and adds what went to the totals.
    /// </summary>
    public async Task<RetentionResult> EnforceRetention()
    {
        // A checkpoint first, so that everything applied may go; what it does not cover must stay for replay.
        await ThrowIfCannotWriteAsync();
        await _pipeline.EnsureAppliedAsync();
        await CheckpointAsync();
        var minArrival = NowUnixMs - (long)_options.RetentionAge.TotalMilliseconds;
        var trimmed = await eventLog.TrimAsync(Model, _persistedSequence, minArrival, _options.RetentionBytes);
        var totals = checkpoint.State.Retention;
        if (trimmed.Entries > 0)
        {
            _log.Forget(trimmed.FirstRetainedSequence == 0 ? _persistedSequence : trimmed.FirstRetainedSequence - 1);
            totals = new RetentionTotals(totals.Entries + trimmed.Entries, totals.Events + trimmed.Events, totals.Bytes + trimmed.PayloadBytes, trimmed.FirstRetainedSequence);
            checkpoint.State.Retention = totals;
            LogTrimmed(Model, trimmed.Entries, trimmed.Events, trimmed.PayloadBytes);
            await CheckpointAsync();
        }

        return new RetentionResult(trimmed.Entries, trimmed.Events, trimmed.PayloadBytes, totals.Entries, totals.Events, totals.Bytes, totals.FirstRetainedSequence);
    }

    private async Task OnRetentionTimer(CancellationToken cancellationToken)
    {
        if (_applier.Schema is not null)
        {
            await EnforceRetention();
        }
    }
}
