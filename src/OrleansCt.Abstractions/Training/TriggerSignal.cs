namespace OrleansCt.Abstractions.Training;

/// <summary>
/// Something that may trigger a retrain, told to the model's coordinator by a direct call: an alert that opened or escalated (from
/// the alert grain) or a schedule that came due (from the model grain). <see cref="Sequence"/> is the log sequence of the entry
/// that raised it and <see cref="Key"/> names it uniquely at that sequence, so the coordinator, which keeps a high-water mark,
/// ignores a signal it has seen — a retried call or a replay repeats, never triggers twice.
/// </summary>
/// <param name="Key">Unique per signal: the alert event's key ("drift:age:2/opened") or the schedule's ("events:3").</param>
/// <param name="Source">"alert" or "schedule".</param>
/// <param name="Kind">The alert's kind ("drift", "performance", …) or the schedule's unit ("events", "eventSeconds", "wallSeconds").</param>
/// <param name="Subject">The alert's subject (a feature, a metric, a detector) or the schedule's period.</param>
/// <param name="Severity">The alert's severity after the change; <see cref="AlertSeverity.Warning"/> for schedules.</param>
/// <param name="Change">"opened", "escalated" or "due".</param>
/// <param name="Sequence">The log sequence of the entry that raised it (0 for the wall clock, which no entry raises).</param>
/// <param name="EventTime">The event time it refers to (the evaluated window's end, the schedule's point), when known.</param>
/// <param name="DriftWarning">Features in an active drift alert at warning or worse once this change is made (alerts only).</param>
/// <param name="DriftCritical">Features in an active drift alert at critical once this change is made (alerts only).</param>
[GenerateSerializer, Immutable, Alias("OrleansCt.TriggerSignal")]
public sealed record TriggerSignal(
    [property: Id(0)] string Key,
    [property: Id(1)] string Source,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Subject,
    [property: Id(4)] AlertSeverity Severity,
    [property: Id(5)] string Change,
    [property: Id(6)] long Sequence,
    [property: Id(7)] double? EventTime,
    [property: Id(8)] int DriftWarning,
    [property: Id(9)] int DriftCritical)
{
    public const string Alert = "alert";
    public const string Schedule = "schedule";
}
