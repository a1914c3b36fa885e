using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Events;

namespace OrleansCt.Grains.Log;

/// <summary>
/// An event batch (labels included, for backfill) with the predictions served and the snapshot that made them. The version that
/// answered is recorded per row: <see cref="RowVersions"/> when the rows were answered by different versions, else null and every
/// row was answered by <see cref="Version"/> (entries logged before per-row versions read so). <see cref="Others"/> holds what
/// other versions predicted for the same rows without answering.
/// </summary>
[GenerateSerializer, Alias("OrleansCt.EventsEntry")]
public sealed record EventsEntry(
    long ArrivalUnixMs,
    [property: Id(0)] EventBatch Batch,
    [property: Id(1)] Predictions Predictions,
    [property: Id(2)] string Version,
    [property: Id(3)] long SnapshotSequence,
    [property: Id(4)] string SnapshotDigest,
    [property: Id(5)] string[]? RowVersions = null,
    [property: Id(6)] VersionPredictions[]? Others = null) : LogEntry(ArrivalUnixMs)
{
    /// <summary>The version that answered row <paramref name="row"/>.</summary>
    public string VersionOf(int row) => RowVersions is { } versions ? versions[row] : Version;

    /// <summary>What <paramref name="version"/> predicted for row <paramref name="row"/>: the answer if it answered, else its prediction beside; empty when it made none.</summary>
    public ReadOnlySpan<double> PredictionOf(string version, int row) =>
        VersionOf(row) == version ? Predictions.Row(row)
        : Others?.FirstOrDefault(o => o.Version == version) is { } other ? other.Predictions.Row(row)
        : [];
}
