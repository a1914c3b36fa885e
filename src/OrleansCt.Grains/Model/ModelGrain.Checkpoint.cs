using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    /// <summary>After each applied entry: publishes a snapshot when one is due, and checkpoints when enough was applied since the last.</summary>
    private void OnApplied(LogEntry entry)
    {
        PublishSnapshot(force: false);
        _eventsSinceCheckpoint += entry switch { EventsEntry e => e.Batch.Count, LabelsEntry l => l.Ids.Length, _ => 0 };
        if (++_entriesSinceCheckpoint >= _options.CheckpointEntries || _eventsSinceCheckpoint >= _options.CheckpointEvents)
        {
            _ = CheckpointAsync();
        }
    }

    /// <summary>Writes a checkpoint; while one is in flight, later callers share the next write (one outstanding write).</summary>
    private Task CheckpointAsync()
    {
        if (!_writing.IsCompleted)
        {
            _writeAgain = true;
            return _writing;
        }

        _writing = WriteCheckpointsAsync();
        return _writing;
    }

    private async Task WriteCheckpointsAsync()
    {
        do
        {
            _writeAgain = false;
            (_entriesSinceCheckpoint, _eventsSinceCheckpoint) = (0, 0);
            _applier.CopyTo(checkpoint.State);
            checkpoint.State.Snapshot = _snapshot;
            var covered = checkpoint.State.AppliedSequence;
            await checkpoint.WriteStateAsync();
            _persistedSequence = covered;

            // The monitor's JSON is as large as the monitor itself: keep it only while it is being written.
            checkpoint.State.Monitor = null;
        }
        while (_writeAgain);
    }
}
