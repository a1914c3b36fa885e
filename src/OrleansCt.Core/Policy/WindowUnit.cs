namespace OrleansCt.Core.Policy;

/// <summary>What a dynamic window's candidate lengths count: labelled rows or seconds of event time.</summary>
public enum WindowUnit
{
    Rows,
    Seconds,
}
