using OrleansCt.Core.Alerts;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>A completed window's scores and the alert observations they make.</summary>
public sealed record WindowVerdict(DriftEvaluation Evaluation, IReadOnlyList<AlertObservation> Observations);
