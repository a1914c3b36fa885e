namespace OrleansCt.Contracts;

/// <summary>The rows a version was trained on: event-time and log-sequence ranges, count, and the SHA-256 of the rows.</summary>
public sealed record TrainingWindowView(double FromTime, double ToTime, long FromSequence, long ToSequence, long Rows, string Digest);
