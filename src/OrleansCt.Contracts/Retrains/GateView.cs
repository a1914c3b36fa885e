namespace OrleansCt.Contracts;

/// <summary>The validation gate's decision on a candidate: passed or not, in one sentence, with each check's reason in words and numbers.</summary>
public sealed record GateView(bool Passed, string Summary, string Metric, double? Candidate, double? Champion, IReadOnlyList<GateReasonView> Reasons);
