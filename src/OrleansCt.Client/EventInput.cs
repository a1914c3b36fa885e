namespace OrleansCt.Client;

/// <summary>An event to send: its id (reused on retries), features, and optionally its time and label.</summary>
public sealed record EventInput(string Id, IReadOnlyDictionary<string, object?> Features)
{
    /// <summary>Event time: seconds (any epoch) as a number, or a timestamp; null takes the arrival time.</summary>
    public object? Time { get; init; }

    /// <summary>The label, when it is known at once (backfill through /events): a class name or a number.</summary>
    public object? Label { get; init; }
}
