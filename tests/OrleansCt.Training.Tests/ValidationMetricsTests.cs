using Microsoft.ML;
using OrleansCt.Core.Events;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;

namespace OrleansCt.Training.Tests;

/// <summary>Held-out metrics against hand-worked examples, and against ML.NET's own evaluators on a real model.</summary>
public sealed class ValidationMetricsTests
{
    [Fact]
    public void Binary_metrics_of_four_rows_match_the_hand_worked_values()
    {
        // P(UP) = 0.9, 0.4, 0.6, 0.2 for labels UP, UP, DOWN, DOWN. Argmax right on rows 0 and 3: accuracy 1/2.
        // Log loss: −(ln 0.9 + ln 0.4 + ln 0.4 + ln 0.8) / 4. AUC: of the pairs (UP, DOWN), (0.9, 0.6), (0.9, 0.2) and
        // (0.4, 0.2) rank right and (0.4, 0.6) wrong: 3/4, and no two scores share a bin, so the binning adds no error.
        var predictions = new Predictions(2, [0.1, 0.9, 0.6, 0.4, 0.4, 0.6, 0.8, 0.2]);

        var metrics = ValidationMetrics.Of(Datasets.Elec2Schema, predictions, [1, 1, 0, 0]);

        Assert.Equal(4, metrics.Count);
        Assert.Equal(0.5, metrics.Accuracy);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.4) + Math.Log(0.4) + Math.Log(0.8)) / 4, metrics.LogLoss!.Value, 12);
        Assert.Equal(0.75, metrics.Auc);
        Assert.Equal(0.0, metrics.AucErrorBound);
        Assert.Null(metrics.Rmse);
    }

    [Fact]
    public void Regression_metrics_of_three_rows_match_the_hand_worked_values_and_skip_a_nan_prediction()
    {
        // Predictions 2, 4, 7 for labels 3, 5, 5: errors −1, −1, 2. MAE 4/3, RMSE √(6/3) = √2; the labels' mean is 13/3,
        // SST = (3 − 13/3)² + 2 · (5 − 13/3)² = 16/9 + 8/9 = 8/3, so R² = 1 − 6 / (8/3) = −1.25.
        var predictions = new Predictions(1, [2, 4, double.NaN, 7]);

        var metrics = ValidationMetrics.Of(Datasets.HousingSchema, predictions, [3, 5, 100, 5]);

        Assert.Equal(3, metrics.Count);
        Assert.Equal(1, metrics.Unscored);
        Assert.Equal(4.0 / 3, metrics.Mae!.Value, 12);
        Assert.Equal(Math.Sqrt(2), metrics.Rmse!.Value, 12);
        Assert.Equal(-1.25, metrics.R2!.Value, 12);
        Assert.Null(metrics.Accuracy);
    }

    [Fact]
    public void Regression_metrics_on_housing_agree_with_mlnets_evaluator()
    {
        var trained = ModelTrainer.Train(Datasets.HousingRows(0, 4_000), new TrainerSpec(TrainerKind.FastTree));
        var holdout = Datasets.HousingRows(4_000, 1_000);
        var ml = new MLContext();
        var scored = trained.Model.Transformer.Transform(ml.Data.LoadFromEnumerable(
            Enumerable.Range(0, holdout.Count).Select(r => HousingInput.Of(holdout.ToBatch(), r))));
        var expected = ml.Regression.Evaluate(scored);

        var metrics = ValidationMetrics.Of(trained.Model, holdout);

        Assert.Equal(expected.RootMeanSquaredError, metrics.Rmse!.Value, expected.RootMeanSquaredError * 1e-6);
        Assert.Equal(expected.MeanAbsoluteError, metrics.Mae!.Value, expected.MeanAbsoluteError * 1e-6);
        Assert.Equal(expected.RSquared, metrics.R2!.Value, 1e-6);
    }

    [Fact]
    public void Binary_auc_on_elec2_agrees_with_mlnets_evaluator_within_the_binning_bound()
    {
        var trained = ModelTrainer.Train(Datasets.Elec2Rows(0, 3_000), new TrainerSpec(TrainerKind.LightGbm));
        var holdout = Datasets.Elec2Rows(3_000, 1_000);
        var ml = new MLContext();
        var batch = holdout.ToBatch();
        var scored = trained.Model.Transformer.Transform(ml.Data.LoadFromEnumerable(Enumerable.Range(0, batch.Count).Select(r => Elec2Input.Of(batch, r))));
        var expected = ml.BinaryClassification.Evaluate(scored);

        var metrics = ValidationMetrics.Of(trained.Model, holdout);

        Assert.InRange(metrics.Auc!.Value - expected.AreaUnderRocCurve, -metrics.AucErrorBound!.Value - 1e-9, metrics.AucErrorBound.Value + 1e-9);
        Assert.True(metrics.AucErrorBound < 1e-3, $"bound {metrics.AucErrorBound}");
    }
}
