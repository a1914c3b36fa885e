using System.Text.Json.Serialization;

namespace OrleansCt.Contracts;

/// <summary>The triggers of a policy, in any combination; a retrain starts when any one fires.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyTriggersSpec
{
    /// <summary>A schedule; omitted: none.</summary>
    public PolicyPeriodicSpec? Periodic { get; init; }

    /// <summary>Alerts that fire a retrain when one opens or escalates to the named severity; omitted: none.</summary>
    public IReadOnlyList<PolicyAlertTriggerSpec>? Alerts { get; init; }

    /// <summary>Whether a new default trainer or new options (which make the champion stale) fire a retrain; omitted: false.</summary>
    public bool? ConfigChange { get; init; }

    /// <summary>Whether the policy trains once, when it is set, on the labelled rows logged by then (the built-in "never"); omitted: false.</summary>
    public bool? Once { get; init; }
}
