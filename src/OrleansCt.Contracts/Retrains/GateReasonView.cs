namespace OrleansCt.Contracts;

/// <summary>One check of the gate ("infrastructure", "latency", "floor", "change", "relativeChange").</summary>
public sealed record GateReasonView(string Check, bool Passed, string Text, double? Value, double? Threshold);
