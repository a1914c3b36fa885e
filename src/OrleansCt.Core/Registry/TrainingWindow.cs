namespace OrleansCt.Core.Registry;

/// <summary>The rows a version was trained on: an event-time range, the log-sequence range they were read from, and their digest.</summary>
/// <param name="Digest">SHA-256 (hex) of the rows in canonical form, independent of how they were batched.</param>
public sealed record TrainingWindow(double FromTime, double ToTime, long FromSequence, long ToSequence, long Rows, string Digest);
