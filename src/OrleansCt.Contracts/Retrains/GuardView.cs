namespace OrleansCt.Contracts;

/// <summary>The guard that stopped a triggered retrain ("cooldown", "budget", "minNewLabels"), the value measured and the limit it failed.</summary>
public sealed record GuardView(string Guard, double Value, double Limit);
