namespace OrleansCt.Contracts;

/// <summary>How far past its threshold an alert's score went; "critical" from <see cref="AlertPolicy.CriticalFactor"/> on.</summary>
public enum AlertSeverity
{
    Warning,
    Critical,
}
