using System.IO.Hashing;
using Orleans.Serialization;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Model;

/// <summary>Makes immutable snapshots of the online champion, identified by a digest of their weights.</summary>
public sealed class SnapshotFactory(Serializer serializer)
{
    /// <summary>The version a registered model starts with: its online learner.</summary>
    public const string OnlineVersion = "1";

    internal ModelSnapshot Create(string model, ModelApplier applier) =>
        Create(model, applier.Revision, applier.Schema!.Definition, applier.AppliedSequence, applier.Learner!) with
        {
            Version = applier.Champion.Version,
            ArtifactSha256 = applier.Champion.ArtifactSha256,
        };

    /// <summary>A snapshot of <paramref name="learner"/> as it stands after the log entry at <paramref name="sequence"/>.</summary>
    internal ModelSnapshot Create(string model, int revision, ModelDefinition definition, long sequence, OnlineLearner learner)
    {
        var state = learner.ExportState();
        var digest = XxHash3.HashToUInt64(serializer.SerializeToArray(state)).ToString("x16");
        return new ModelSnapshot(model, revision, definition, OnlineVersion, sequence, digest, state);
    }
}
