using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Model;

/// <summary>The model grain's checkpoint: everything it derived from its log up to <see cref="AppliedSequence"/>.</summary>
[GenerateSerializer, Alias("OrleansCt.ModelState")]
public sealed class ModelState
{
    [Id(0)] public ModelDefinition? Definition { get; set; }

    [Id(1)] public int Revision { get; set; }

    [Id(2)] public LearnerState? Learner { get; set; }

    [Id(3)] public long AppliedSequence { get; set; }

    [Id(4)] public long Events { get; set; }

    [Id(5)] public long Labels { get; set; }

    [Id(6)] public long UnmatchedLabels { get; set; }





    [Id(11)] public long SnapshotSequence { get; set; }

    [Id(12)] public long SnapshotUpdates { get; set; }

    /// <summary>The live monitor (buckets, sketches, metrics) as JSON; see MonitorStateJson.</summary>
    [Id(13)] public byte[]? Monitor { get; set; }

    [Id(14)] public RetentionTotals Retention { get; set; } = new(0, 0, 0, 0);

    /// <summary>The snapshot served when the checkpoint was written, so a replay resumes publishing where it was.</summary>
    [Id(15)] public ModelSnapshot? Snapshot { get; set; }

    /// <summary>The largest event time seen when the last snapshot was published.</summary>
    [Id(16)] public double SnapshotEventTime { get; set; } = double.NegativeInfinity;

    /// <summary>The version answering after <see cref="AppliedSequence"/>; null: the online learner (as before versions existed).</summary>
    [Id(17)] public Champion? Champion { get; set; }

    /// <summary>Every promotion entry applied: the registry's move id → the sequence of its entry.</summary>
    [Id(18)] public Dictionary<long, long>? Promotions { get; set; }

    /// <summary>The policy set by the last policy entry applied; null: none was ever set (the built-in "online" policy runs).</summary>
    [Id(19)] public PolicyState? Policy { get; set; }
}
