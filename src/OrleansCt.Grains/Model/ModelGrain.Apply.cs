using OrleansCt.Core.Learning;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    private readonly Queue<(long Sequence, LogEntry Entry, OnlineLearner? Prelearned)> _unapplied = new();

    /// <summary>Queues a durable entry for applying in a later turn, so the caller's answer does not wait for it.</summary>
    private void Enqueue(long sequence, LogEntry entry, OnlineLearner? prelearned)
    {
        _unapplied.Enqueue((sequence, entry, prelearned));
        if (_applying.IsCompleted)
        {
            _applying = Task.Factory.StartNew(DrainAsync, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current).Unwrap();
        }
    }

    private async Task DrainAsync()
    {
        while (_unapplied.TryDequeue(out var next))
        {
            try
            {
                _applier.Apply(next.Sequence, next.Entry, next.Prelearned);
            }
            catch (Exception e)
            {
                // The entry is durable; a fresh activation replays it from the checkpoint.
                LogApplyFailed(e, Model, next.Sequence);
                _unapplied.Clear();
                Break(e);
                throw;
            }

            PublishSnapshot(force: false);
            _eventsSinceCheckpoint += next.Entry switch { EventsEntry e => e.Batch.Count, LabelsEntry l => l.Ids.Length, _ => 0 };
            if (++_entriesSinceCheckpoint >= _options.CheckpointEntries || _eventsSinceCheckpoint >= _options.CheckpointEvents)
            {
                _ = CheckpointAsync();
            }
        }

        FeedWindows();
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
