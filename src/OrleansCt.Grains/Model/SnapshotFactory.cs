using System.IO.Hashing;
using Orleans.Serialization;
using OrleansCt.Abstractions.Models;

namespace OrleansCt.Grains.Model;

/// <summary>Makes immutable snapshots of the online champion, identified by a digest of their weights.</summary>
public sealed class SnapshotFactory(Serializer serializer)
{
    /// <summary>The version a registered model starts with: its online learner.</summary>
    public const string OnlineVersion = "1";

    internal ModelSnapshot Create(string model, ModelApplier applier)
    {
        var state = applier.Learner!.ExportState();
        var digest = XxHash3.HashToUInt64(serializer.SerializeToArray(state)).ToString("x16");
        return new ModelSnapshot(model, applier.Revision, applier.Schema!.Definition, OnlineVersion, applier.AppliedSequence, digest, state);
    }
}
