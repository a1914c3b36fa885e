namespace OrleansCt.Contracts;

/// <summary>Prequential performance of the served predictions against the joined labels; a value beyond the range of a double is absent and named in OutOfRange.</summary>
public sealed record PerformanceView(long Labelled, double? Accuracy, double? Mae, double? Rmse, IReadOnlyList<string>? OutOfRange = null);
