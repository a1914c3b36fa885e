using OrleansCt.Abstractions.Models;

namespace OrleansCt.Grains.Model;

/// <summary>
/// When the model grain publishes a new snapshot: after every <see cref="ModelGrainOptions.SnapshotUpdates"/> updates, every
/// <see cref="ModelGrainOptions.SnapshotEventSeconds"/> of event time (if it learned since), and when the definition changes.
/// Decided from what the log holds — never from wall time — so a replay publishes the same snapshots.
/// </summary>
internal static class SnapshotRule
{
    /// <summary>Whether a snapshot is due, given the current one and what the last one was published at (kept in <paramref name="published"/>).</summary>
    public static bool IsDue(ModelSnapshot? current, int revision, long updates, double eventTime, ModelState published, ModelGrainOptions options) =>
        current is null || current.Revision != revision
        || updates - published.SnapshotUpdates >= options.SnapshotUpdates
        || (options.SnapshotEventSeconds is { } seconds && updates > published.SnapshotUpdates
            && eventTime - published.SnapshotEventTime >= seconds);

    /// <summary>Records in the checkpoint what <paramref name="snapshot"/> was published at, for the next <see cref="IsDue"/>.</summary>
    public static void Published(ModelState state, ModelSnapshot snapshot, long updates, double eventTime)
    {
        state.SnapshotSequence = snapshot.Sequence;
        state.SnapshotUpdates = updates;
        state.SnapshotEventTime = eventTime;
    }
}
