namespace OrleansCt.Abstractions.Alerts;

/// <summary>
/// A model's alerts (key: the model): turns observations into alerts with hysteresis and a cooldown, keeps their life
/// cycle, delivers every change to the model's webhook and publishes it on the "alerts" stream.
/// </summary>
[Alias("OrleansCt.IAlertGrain")]
public interface IAlertGrain : IGrainWithStringKey
{
    /// <summary>Takes AlertObservation[] JSON, judged with the model's AlertSpec JSON.</summary>
    [Alias("Observe")]
    Task Observe(Immutable<byte[]> observations, Immutable<byte[]> spec);

    /// <summary>Alerts, newest first, all or in one state ("open", "acknowledged", "resolved").</summary>
    [Alias("List")]
    Task<Alert[]> List(string? state);

    [Alias("Acknowledge")]
    Task<AlertActionResult> Acknowledge(string id, string by, string? comment);

    [Alias("Resolve")]
    Task<AlertActionResult> Resolve(string id, string by);

    /// <summary>Attempts every webhook delivery that is due now (a timer does the same).</summary>
    [Alias("DeliverDue")]
    Task DeliverDue();
}
