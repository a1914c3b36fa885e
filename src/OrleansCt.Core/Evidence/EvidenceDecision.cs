namespace OrleansCt.Core.Evidence;

/// <summary>A look at the evidence: the outcome, which look (1-based), the level it was tested at, the test's result and why.</summary>
public sealed record EvidenceDecision(EvidenceOutcome Outcome, int Look, double Level, PairedTestResult Test, string Reason);
