namespace OrleansCt.Abstractions.Storage;

/// <summary>
/// The log's storage cannot take a write (disk full, server stopped, I/O error) or cannot be read. Nothing of the request that met
/// it was stored; the same request succeeds once the storage is back. The HTTP edge answers it with 503 and Retry-After.
/// </summary>
[GenerateSerializer, Alias("OrleansCt.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    public StorageUnavailableException(string storage, StorageProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Storage = storage;
        Problem = problem;
    }

    /// <summary>"sqlite" or "postgres".</summary>
    [Id(0)]
    public string Storage { get; init; } = "";

    [Id(1)]
    public StorageProblem Problem { get; init; }

    /// <summary>True when the storage is back and the model is reloading its state from the log: retrying at once succeeds.</summary>
    [Id(2)]
    public bool Reloading { get; init; }

    /// <summary>The storage failure in <paramref name="exception"/>, its inner ones or an aggregate's (Orleans wraps a failed state read); null when there is none.</summary>
    public static StorageUnavailableException? In(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case StorageUnavailableException unavailable:
                    return unavailable;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Select(In).FirstOrDefault(found => found is not null);
            }

            exception = exception.InnerException;
        }

        return null;
    }
}
