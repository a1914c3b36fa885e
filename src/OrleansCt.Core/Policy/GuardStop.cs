namespace OrleansCt.Core.Policy;

/// <summary>
/// Why a guard stopped a triggered retrain: the guard ("cooldown", "budget" or "minNewLabels"), the measured value and the limit it
/// failed, and the sentence the retrain log shows.
/// </summary>
public sealed record GuardStop(string Guard, double Value, double Limit, string Text);
