namespace OrleansCt.Contracts;

/// <summary>
/// GET /v1/models/{model}/policy: the policy in force, written out in full, with the log sequence and event time of the control
/// entry that set it, who set it and why. A model that never had one runs the built-in "online" policy (sequence 0, by "default").
/// </summary>
public sealed record PolicyView(string Model, PolicySpec Policy, long Sequence, double? EventTime, string By, string? Reason);
