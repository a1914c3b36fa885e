namespace OrleansCt.Grains.Alerts;

/// <summary>What one <see cref="WebhookDelivery.DeliverDueAsync"/> did.</summary>
/// <param name="Attempted">Deliveries attempted (each once).</param>
/// <param name="Delivered">Of those, answered 2xx.</param>
/// <param name="Retrying">Of those, to be tried again later.</param>
/// <param name="Failed">Of those, given up on now.</param>
public sealed record WebhookRound(int Attempted, int Delivered, int Retrying, int Failed);
