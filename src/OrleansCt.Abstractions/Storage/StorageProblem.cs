namespace OrleansCt.Abstractions.Storage;

/// <summary>Why the storage could not be used.</summary>
[GenerateSerializer, Alias("OrleansCt.StorageProblem")]
public enum StorageProblem
{
    /// <summary>An I/O or server error other than the two below.</summary>
    Failing,

    /// <summary>The disk (or the database's quota) is full.</summary>
    Full,

    /// <summary>The server cannot be reached or is shutting down.</summary>
    Unreachable,
}
