using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>The bound row mapper and a plain Transform of the batch (the path for pipelines that are not row-to-row) agree.</summary>
public sealed class ScoringPathTests
{
    [Theory]
    [InlineData(ModelTask.Binary, TrainerKind.LightGbm)]
    [InlineData(ModelTask.Binary, TrainerKind.AveragedPerceptron)]
    [InlineData(ModelTask.Multiclass, TrainerKind.Sdca)]
    [InlineData(ModelTask.Regression, TrainerKind.FastTree)]
    public void The_mapper_and_transform_paths_give_the_same_predictions(ModelTask task, TrainerKind kind)
    {
        var (schema, train, test) = Data(task);
        var model = ModelTrainer.Train(TrainingRows.From(schema, train), new TrainerSpec(kind)).Model;

        Assert.Equal(model.ThroughTransform().Score(test).Scores, model.Score(test).Scores);
    }

    [Fact]
    public void An_empty_batch_scores_to_no_predictions()
    {
        var model = ModelTrainer.Train(Datasets.Elec2Rows(0, 500), new TrainerSpec(TrainerKind.LightGbm)).Model;

        var predictions = model.Score(Datasets.Elec2Batch(0, 0));

        Assert.Empty(predictions.Scores);
        Assert.Equal(2, predictions.Width);
    }

    private static (ModelSchema Schema, EventBatch Train, EventBatch Test) Data(ModelTask task) => task switch
    {
        ModelTask.Binary => (Datasets.Elec2Schema, Datasets.Elec2Batch(0, 1_000), Datasets.Elec2Batch(1_000, 300)),
        ModelTask.Multiclass => (Synthetic.Schema, Synthetic.Batch(300, 1), Synthetic.Batch(60, 2)),
        _ => (Datasets.HousingSchema, Datasets.HousingBatch(0, 1_000), Datasets.HousingBatch(1_000, 300)),
    };
}
