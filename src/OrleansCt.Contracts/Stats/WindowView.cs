namespace OrleansCt.Contracts;

/// <summary>The window a stats answer covers: "all", a span of event time ("24h"), or a number of events ("10000e").</summary>
public sealed record WindowView(string Spec, double? From, double? To, int Buckets, long Events);
