namespace OrleansCt.Contracts;

/// <summary>Where an alert is in its life: open, acknowledged by a person (still open), or resolved.</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}
