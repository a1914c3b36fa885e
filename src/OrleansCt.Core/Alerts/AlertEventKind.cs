namespace OrleansCt.Core.Alerts;

/// <summary>A change of an alert worth telling someone about. Each happens at most once per alert.</summary>
public enum AlertEventKind
{
    /// <summary>The score crossed its threshold and no alert was open on the key (nor in cooldown).</summary>
    Opened,

    /// <summary>An open alert's severity rose from warning to critical.</summary>
    Escalated,

    /// <summary>A person acknowledged the alert.</summary>
    Acknowledged,

    /// <summary>The score stayed clear long enough, or a person resolved it.</summary>
    Resolved,
}
