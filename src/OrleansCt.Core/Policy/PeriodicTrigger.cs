namespace OrleansCt.Core.Policy;

/// <summary>A schedule, whichever comes first: every <paramref name="Events"/> events, <paramref name="EventSeconds"/> of event time or <paramref name="WallSeconds"/> of wall-clock time; at least one is set, each positive.</summary>
public sealed record PeriodicTrigger(long? Events, double? EventSeconds, double? WallSeconds);
