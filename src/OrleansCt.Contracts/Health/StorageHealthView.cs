namespace OrleansCt.Contracts;

/// <summary>The log's storage as the latest probe found it (a write and delete of a row of several pages).</summary>
/// <param name="Kind">"sqlite" or "postgres".</param>
/// <param name="Status">"ok" or "failing".</param>
/// <param name="Problem">"full", "unreachable" or "failing"; null when ok.</param>
/// <param name="Detail">What the storage said; null when ok.</param>
public sealed record StorageHealthView(string Kind, string Status, string? Problem, string? Detail, DateTimeOffset CheckedAt);
