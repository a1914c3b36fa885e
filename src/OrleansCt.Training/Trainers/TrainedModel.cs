using OrleansCt.Core.Registry;
using OrleansCt.Training.Artifacts;

namespace OrleansCt.Training.Trainers;

/// <summary>
/// A newly trained version: the artifact to store, the model loaded back from it (through the same check as any zip), and
/// what makes it reproducible — the spec, the digest of the rows and the ML.NET version.
/// </summary>
public sealed record TrainedModel(
    LoadedModel Model,
    ModelArtifact Artifact,
    TrainerSpec Spec,
    TrainingCost Cost,
    string RowsDigest,
    string MlNetVersion,
    bool WarmStarted);
