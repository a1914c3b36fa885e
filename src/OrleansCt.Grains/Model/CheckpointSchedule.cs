using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>When the model grain checkpoints: after <see cref="ModelGrainOptions.CheckpointEntries"/> applied entries or <see cref="ModelGrainOptions.CheckpointEvents"/> events and labels, whichever comes first.</summary>
internal sealed class CheckpointSchedule(ModelGrainOptions options)
{
    private int _entries;
    private long _events;

    /// <summary>Whether anything was applied since the last checkpoint began.</summary>
    public bool Pending => _entries > 0;

    /// <summary>Counts an applied entry; true when a checkpoint is due.</summary>
    public bool Applied(LogEntry entry)
    {
        _events += entry switch { EventsEntry e => e.Batch.Count, LabelsEntry l => l.Ids.Length, _ => 0 };
        return ++_entries >= options.CheckpointEntries || _events >= options.CheckpointEvents;
    }

    /// <summary>A checkpoint is being taken of everything applied so far.</summary>
    public void Taken() => (_entries, _events) = (0, 0);
}
