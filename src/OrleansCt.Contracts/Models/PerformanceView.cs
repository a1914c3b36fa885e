namespace OrleansCt.Contracts;

/// <summary>Prequential performance of the served predictions against the joined labels.</summary>
public sealed record PerformanceView(long Labelled, double? Accuracy, double? Mae, double? Rmse);
