namespace OrleansCt.Grains.Alerts;

/// <summary>An alert grain's stored state: the alert book (JSON of an AlertBookState), the latest evaluation time, and the webhook outbox.</summary>
[GenerateSerializer, Alias("OrleansCt.AlertGrainState")]
public sealed class AlertGrainState
{
    [Id(0)] public byte[]? Book { get; set; }

    [Id(1)] public double LatestEvaluation { get; set; } = double.NegativeInfinity;

    [Id(2)] public WebhookOutboxState? Outbox { get; set; }

    /// <summary>Alerts that opened or escalated, not yet taken by the model's coordinator (the call failed): sent again by the timer.</summary>
    [Id(3)] public List<Abstractions.Training.TriggerSignal>? Signals { get; set; }
}
