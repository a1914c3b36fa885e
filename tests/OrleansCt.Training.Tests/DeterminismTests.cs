using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>Training twice with the same seed on the same rows gives the same artifact, byte for byte, and so the same predictions.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.Sdca)]
    [InlineData(TrainerKind.Lbfgs)]
    [InlineData(TrainerKind.AveragedPerceptron)]
    public void Two_trainings_with_one_seed_give_identical_zip_bytes_and_predictions(TrainerKind kind)
    {
        var rows = Datasets.Elec2Rows(0, 2_000);
        var spec = new TrainerSpec(kind, Seed: 42);
        var next = Datasets.Elec2Batch(2_000, 300);

        var first = ModelTrainer.Train(rows, spec);
        var second = ModelTrainer.Train(rows, spec);

        Assert.Equal(first.Artifact.Bytes.ToArray(), second.Artifact.Bytes.ToArray());
        Assert.Equal(first.Artifact.Sha256, second.Artifact.Sha256);
        Assert.Equal(first.Model.Score(next).Scores, second.Model.Score(next).Scores);
        Assert.Equal(rows.Digest, first.RowsDigest);
    }

    [Fact]
    public void A_reloaded_artifact_has_the_same_sha256_and_predictions()
    {
        var trained = ModelTrainer.Train(Datasets.Elec2Rows(0, 2_000), new TrainerSpec(TrainerKind.LightGbm));
        var next = Datasets.Elec2Batch(2_000, 300);

        var reloaded = Artifacts.ModelArtifact.From(trained.Artifact.Bytes.Span);

        Assert.Equal(trained.Artifact.Sha256, reloaded.Sha256);
        Assert.Equal(trained.Model.Score(next).Scores, reloaded.Load(Datasets.Elec2Schema).Score(next).Scores);
    }
}
