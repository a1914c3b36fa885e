namespace OrleansCt.Grains.Alerts;

/// <summary>A <see cref="WebhookDelivery"/>'s outbox as plain records (grain state).</summary>
/// <param name="Pending">Deliveries still to attempt, in the order they were added.</param>
/// <param name="Failed">Deliveries given up on, oldest first.</param>
/// <param name="Delivered">Deliveries that got a 2xx answer so far.</param>
[GenerateSerializer, Alias("OrleansCt.WebhookOutboxState")]
public sealed record WebhookOutboxState(
    [property: Id(0)] WebhookItem[] Pending,
    [property: Id(1)] WebhookItem[] Failed,
    [property: Id(2)] long Delivered);
