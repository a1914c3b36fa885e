using System.Text.Json.Serialization;

namespace OrleansCt.Contracts;

/// <summary>A schedule: every <see cref="Events"/> events, every <see cref="EventSeconds"/> of event time, every <see cref="WallSeconds"/> of wall-clock time; at least one, whichever comes first.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyPeriodicSpec
{
    public long? Events { get; init; }

    public double? EventSeconds { get; init; }

    /// <summary>Wall-clock seconds (a reminder, so an idle model is retrained too); never used in a replay.</summary>
    public double? WallSeconds { get; init; }
}
