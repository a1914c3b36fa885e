using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;

namespace OrleansCt.Grains.Training;

/// <summary>A candidate trained and measured on the held-out rows beside the champion; the gate decides on it in the grain.</summary>
internal sealed record TrainingOutcome(
    TrainedModel Trained,
    ValidationMetrics Candidate,
    ValidationMetrics? Champion,
    InfrastructureCheck Infrastructure,
    int HoldoutRows);
