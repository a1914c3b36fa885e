namespace OrleansCt.Grains.Alerts;

/// <summary>A delivery still to be attempted, or one given up on (refused by the receiver, or out of attempts).</summary>
[GenerateSerializer, Alias("OrleansCt.WebhookItemStatus")]
public enum WebhookItemStatus
{
    Pending,
    Failed,
}
