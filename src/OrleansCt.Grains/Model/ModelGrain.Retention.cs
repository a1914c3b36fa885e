using OrleansCt.Abstractions.Models;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    private long _persistedSequence;

    /// <summary>
    /// Drops log entries older than the retention age, then the oldest beyond the size limit — never one that the
    /// stored checkpoint does not cover, since a restart must replay it — and adds what went to the totals.
    /// </summary>
    public async Task<RetentionResult> EnforceRetention()
    {
        // A checkpoint first, so that everything applied may go; what it does not cover must stay for replay.
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
