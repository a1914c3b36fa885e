namespace OrleansCt.Contracts;

/// <summary>The answer to predict and events: one prediction per event, in order; duplicates were answered from the log.</summary>
public sealed record PredictResponse(IReadOnlyList<PredictionView> Predictions, int Duplicates);
