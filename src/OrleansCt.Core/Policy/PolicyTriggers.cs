namespace OrleansCt.Core.Policy;

/// <summary>
/// What starts a retrain: a schedule, alerts, a change of trainer or options, or the policy being set (<paramref name="Once"/>: it
/// trains once then, on the labelled rows logged by then); any one suffices.
/// </summary>
public sealed record PolicyTriggers(PeriodicTrigger? Periodic, IReadOnlyList<AlertTrigger> Alerts, bool ConfigChange, bool Once = false)
{
    public static PolicyTriggers None { get; } = new(null, [], false);

    /// <summary>Whether anything but an on-demand request can start a retrain.</summary>
    public bool Any => Periodic is not null || Alerts.Count > 0 || ConfigChange || Once;

    // A record compares lists by reference; a policy read back from its JSON must equal the one written.
    public bool Equals(PolicyTriggers? other) =>
        other is not null && Periodic == other.Periodic && ConfigChange == other.ConfigChange && Once == other.Once && Alerts.SequenceEqual(other.Alerts);

    public override int GetHashCode() => HashCode.Combine(Periodic, ConfigChange, Alerts.Count);
}
