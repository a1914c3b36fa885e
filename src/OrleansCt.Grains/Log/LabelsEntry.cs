using OrleansCt.Core.Events;

namespace OrleansCt.Grains.Log;

/// <summary>
/// A label batch joined as it arrived. The join is materialised: the joined events' rows (features, time) and the
/// predictions served for them are copied in, so applying the entry — live or in a replay, before or after
/// retention dropped the events — reads nothing but the entry itself. <see cref="EventRows"/> gives each label's row
/// in <see cref="Joined"/>, or -1 when it did not join; <see cref="EventSequences"/> says where the event was logged
/// (0: no retained event had the id; -1: the label was a duplicate). <see cref="JoinedVersions"/> names the version that answered
/// each joined row (null: the online learner answered them all, as in every entry logged before versions);
/// <see cref="JoinedOnline"/> holds the online learner's prediction for each joined row when another version answered some
/// (NaN where it made none), so the online learner can be judged on them.
/// </summary>
[GenerateSerializer, Alias("OrleansCt.LabelsEntry")]
public sealed record LabelsEntry(
    long ArrivalUnixMs,
    [property: Id(0)] string[] Ids,
    [property: Id(1)] double[] Labels,
    [property: Id(2)] long[] EventSequences,
    [property: Id(3)] int[] EventRows,
    [property: Id(4)] EventBatch Joined,
    [property: Id(5)] Predictions JoinedPredictions,
    [property: Id(6)] long[] JoinedArrivalUnixMs,
    [property: Id(7)] string[]? JoinedVersions = null,
    [property: Id(8)] Predictions? JoinedOnline = null) : LogEntry(ArrivalUnixMs);
