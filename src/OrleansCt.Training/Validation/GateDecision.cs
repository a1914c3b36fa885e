namespace OrleansCt.Training.Validation;

/// <summary>The gate's verdict on a candidate: passed only when every reason passed, with the values compared and a one-sentence summary.</summary>
public sealed record GateDecision(
    bool Passed,
    string Metric,
    double? Candidate,
    double? Champion,
    IReadOnlyList<GateReason> Reasons,
    string Summary);
