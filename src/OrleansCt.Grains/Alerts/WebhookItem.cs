namespace OrleansCt.Grains.Alerts;

/// <summary>One delivery in the outbox: a JSON body for a URL, sent with <see cref="Key"/> as its Idempotency-Key on every attempt.</summary>
/// <param name="Key">The stable key of the event (e.g. "drift:age:2/opened"); one delivery per key.</param>
/// <param name="Group">Deliveries of one group (an alert) go out in order: a later one waits while an earlier one is pending.</param>
/// <param name="Url">Where to POST.</param>
/// <param name="Body">The JSON sent, the same bytes on every attempt.</param>
/// <param name="EnqueuedAt">When it was added.</param>
/// <param name="Status">Pending or failed.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="DueAt">When the next attempt is due (pending).</param>
/// <param name="LastAttemptAt">When the latest attempt ended.</param>
/// <param name="LastStatusCode">The HTTP status of the latest answer; null when there was none (timeout, connection error).</param>
/// <param name="LastError">What went wrong last, in words.</param>
[GenerateSerializer, Immutable, Alias("OrleansCt.WebhookItem")]
public sealed record WebhookItem(
    [property: Id(0)] string Key,
    [property: Id(1)] string Group,
    [property: Id(2)] string Url,
    [property: Id(3)] string Body,
    [property: Id(4)] DateTimeOffset EnqueuedAt,
    [property: Id(5)] WebhookItemStatus Status,
    [property: Id(6)] int Attempts,
    [property: Id(7)] DateTimeOffset DueAt,
    [property: Id(8)] DateTimeOffset? LastAttemptAt,
    [property: Id(9)] int? LastStatusCode,
    [property: Id(10)] string? LastError);
