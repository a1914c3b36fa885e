namespace OrleansCt.Grains.Log;

/// <summary>
/// A label batch as it was joined when it arrived: for each label, the log entry and position of its event, or
/// sequence 0 when no logged event had its id (unmatched). Replay reuses the join, so it never depends on what was
/// in memory.
/// </summary>
[GenerateSerializer, Alias("OrleansCt.LabelsEntry")]
public sealed record LabelsEntry(
    long ArrivalUnixMs,
    [property: Id(0)] string[] Ids,
    [property: Id(1)] double[] Labels,
    [property: Id(2)] long[] EventSequences,
    [property: Id(3)] int[] EventPositions) : LogEntry(ArrivalUnixMs);
