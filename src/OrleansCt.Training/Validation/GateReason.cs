namespace OrleansCt.Training.Validation;

/// <summary>
/// One check of the gate (<see cref="GateCheck"/>): whether it passed, a sentence saying why, and the number compared with
/// the threshold (a latency in ms, a metric value, a worsening in the metric's units or as a fraction of the champion's).
/// </summary>
public sealed record GateReason(string Check, bool Passed, string Text, double? Value = null, double? Threshold = null);
