using OrleansCt.Abstractions.Storage;

namespace OrleansCt.Storage.Faults;

/// <summary>The outcome of the latest storage probe.</summary>
/// <param name="Storage">"sqlite" or "postgres".</param>
/// <param name="Problem">Null when the probe wrote and committed.</param>
/// <param name="Detail">What the storage said, when it failed.</param>
public sealed record StorageStatus(string Storage, StorageProblem? Problem, string? Detail, DateTimeOffset CheckedAt)
{
    public bool Ok => Problem is null;
}
