namespace OrleansCt.Client;

/// <summary>How the client retries and batches.</summary>
public sealed class ClientOptions
{
    /// <summary>Attempts per request, the first included; retries resend the same ids, so nothing is counted twice.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; doubled after each.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A batch is sent when it holds this many items...</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>...or this long after its first item was added.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeProvider Time { get; set; } = TimeProvider.System;
}
