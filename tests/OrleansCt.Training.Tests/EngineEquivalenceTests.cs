using Microsoft.ML;
using Microsoft.ML.Data;
using OrleansCt.Core.Tests.Learning;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>
/// LoadedModel.Score, which transforms a whole batch through our columnar view, gives what ML.NET's own PredictionEngine gives
/// row by row from POCO objects (an independent input path) on the same model.
/// </summary>
public sealed class EngineEquivalenceTests
{
    [Theory]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.Sdca)]
    [InlineData(TrainerKind.Lbfgs)]
    [InlineData(TrainerKind.AveragedPerceptron)]
    [InlineData(TrainerKind.LinearSvm)]
    public void Binary_elec2_under_feature_names_with_spaces_dots_and_unicode_scores_as_the_engine_does(TrainerKind kind)
    {
        var schema = Datasets.Elec2OddNames;
        var trained = ModelTrainer.Train(TrainingRows.From(schema, Datasets.Elec2Batch(0, 3_000)), new TrainerSpec(kind));
        var next = Datasets.Elec2Batch(3_000, 500);
        var definition = SchemaDefinition.Create(typeof(Elec2Input));
        foreach (var column in definition)
        {
            column.ColumnName = Datasets.OddNames.GetValueOrDefault(column.ColumnName, column.ColumnName);
        }

        var engine = new MLContext().Model.CreatePredictionEngine<Elec2Input, BinaryOutput>(trained.Model.Transformer, inputSchemaDefinition: definition);

        var predictions = trained.Model.Score(next);

        var positive = schema.PositiveClassIndex;
        for (var r = 0; r < next.Count; r++)
        {
            var expected = engine.Predict(Elec2Input.Of(next, r)).Probability;
            Assert.Equal((double)expected, predictions.Row(r)[positive]);
            Assert.Equal(1.0 - expected, predictions.Row(r)[1 - positive]);
        }
    }

    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.Sdca)]
    [InlineData(TrainerKind.Lbfgs)]
    [InlineData(TrainerKind.OnlineGradientDescent)]
    public void Regression_housing_with_blank_total_bedrooms_scores_as_the_engine_does(TrainerKind kind)
    {
        var trained = ModelTrainer.Train(Datasets.HousingRows(0, 6_000), new TrainerSpec(kind));
        var next = Datasets.HousingBatch(6_000, 1_000);
        Assert.Contains(next.Numeric[4], double.IsNaN);
        var engine = new MLContext().Model.CreatePredictionEngine<HousingInput, RegressionOutput>(trained.Model.Transformer);

        var predictions = trained.Model.Score(next);

        for (var r = 0; r < next.Count; r++)
        {
            var expected = engine.Predict(HousingInput.Of(next, r)).Score;
            Assert.True(float.IsFinite(expected), $"row {r}: the engine gave {expected}");
            Assert.Equal((double)expected, predictions.Row(r)[0]);
        }
    }
}
