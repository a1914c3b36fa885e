namespace OrleansCt.Contracts;

/// <summary>
/// How a retrain's training rows were chosen: the window's kind ("fixed", "dynamic", "representative"), a sentence saying what was
/// kept and why, and for a dynamic window every candidate's score on the shared held-out rows.
/// </summary>
public sealed record WindowChoiceView(string Kind, string Text, IReadOnlyList<WindowCandidateView>? Candidates = null);
