namespace OrleansCt.Contracts;

/// <summary>A state a retrain entered, when (wall time) and why.</summary>
public sealed record RetrainStepView(string State, DateTimeOffset At, string Note);
