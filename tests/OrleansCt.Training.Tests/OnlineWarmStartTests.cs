using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;
using OrleansCt.Training.Views;
using Xunit.Abstractions;

namespace OrleansCt.Training.Tests;

/// <summary>
/// A warm start from the online learner: its weights written over the contract's featurisation. The mapped parameters are checked
/// before any training against the learner's own predictions, with the linear function worked here from ML.NET's feature vectors
/// (the fitted featurizer's output) — a dot product and a sigmoid, not ML.NET's predictor.
/// </summary>
public sealed class OnlineWarmStartTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    public void Mapped_parameters_before_training_give_the_binary_learners_probabilities(string positiveClass)
    {
        var schema = Visits.Schema(positiveClass);
        var learner = Learned(schema, Visits.Batch(20_000, 1));
        var rows = TrainingRows.From(schema, Visits.Batch(2_000, 2));

        var (features, parameters) = Mapped(rows, learner, TrainerKind.Lbfgs);

        Assert.IsType<LinearBinaryModelParameters>(parameters);
        var online = learner.PredictAll(rows.ToBatch());
        var worst = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            var p = 1 / (1 + Math.Exp(-Margin(parameters, features[i])));
            worst = Math.Max(worst, Math.Abs(p - online.Row(i)[schema.PositiveClassIndex]));
        }

        output.WriteLine($"largest probability difference {worst:E2}");
        Assert.True(worst < 1e-5, $"largest probability difference {worst}");
    }

    [Fact]
    public void Mapped_parameters_before_training_give_the_regression_learners_values_with_the_target_destandardised()
    {
        var schema = Datasets.HousingSchema;
        var learner = Learned(schema, Datasets.HousingBatch(0, 10_000));
        var rows = TrainingRows.From(schema, Complete(Datasets.HousingBatch(10_000, 3_000)));

        var (features, parameters) = Mapped(rows, learner, TrainerKind.OnlineGradientDescent);

        Assert.IsType<LinearRegressionModelParameters>(parameters);
        var online = learner.PredictAll(rows.ToBatch());
        var state = learner.ExportState();
        var targetSd = Math.Sqrt(state.TargetM2 / state.TargetCount);
        var (worst, worstRelative) = (0.0, 0.0);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = online.Row(i)[0];
            var difference = Math.Abs(Margin(parameters, features[i]) - expected);
            (worst, worstRelative) = (Math.Max(worst, difference), Math.Max(worstRelative, difference / Math.Abs(expected)));
        }

        output.WriteLine($"{rows.Count} complete rows, target sd {targetSd:F0}: largest difference {worst:F4} ({worst / targetSd:E2} sd; {worstRelative:E2} of the value)");
        Assert.True(worst < 1e-5 * targetSd, $"largest difference {worst}, target sd {targetSd}");
    }

    [Fact]
    public void One_lbfgs_iteration_from_the_online_learner_keeps_its_held_out_loss_where_one_from_scratch_does_not()
    {
        var schema = Visits.Schema();
        var learner = Learned(schema, Visits.Batch(20_000, 1));
        var rows = TrainingRows.From(schema, Visits.Batch(2_000, 2));
        var holdout = TrainingRows.From(schema, Visits.Batch(5_000, 3));
        var oneIteration = new TrainerSpec(TrainerKind.Lbfgs, new Dictionary<string, double> { ["maximumNumberOfIterations"] = 1 });

        var warm = ModelTrainer.TrainFromOnline(rows, oneIteration, learner.ExportState());
        var cold = ModelTrainer.Train(rows, oneIteration);
        var full = ModelTrainer.Train(rows, new TrainerSpec(TrainerKind.Lbfgs));

        var onlineLoss = ValidationMetrics.Of(schema, learner.PredictAll(holdout.ToBatch()), holdout.Labels).LogLoss!.Value;
        var (warmLoss, coldLoss, fullLoss) = (Loss(warm, holdout), Loss(cold, holdout), Loss(full, holdout));
        output.WriteLine($"held-out log loss: online {onlineLoss:F4}, warm 1 iteration {warmLoss:F4}, cold 1 iteration {coldLoss:F4}, cold to convergence {fullLoss:F4}");
        Assert.True(warm.WarmStarted);
        Assert.False(cold.WarmStarted);
        Assert.True(Math.Abs(warmLoss - onlineLoss) < 0.01, $"warm {warmLoss} against online {onlineLoss}");
        Assert.True(coldLoss > onlineLoss + 0.05, $"cold {coldLoss} against online {onlineLoss}");
    }

    [Fact]
    public void Online_gradient_descent_that_cannot_move_keeps_the_regression_learners_held_out_error()
    {
        var schema = Datasets.HousingSchema;
        var learner = Learned(schema, Datasets.HousingBatch(0, 10_000));
        var rows = TrainingRows.From(schema, Complete(Datasets.HousingBatch(10_000, 3_000)));
        var holdout = TrainingRows.From(schema, Complete(Datasets.HousingBatch(13_000, 2_000)));
        var frozen = new TrainerSpec(TrainerKind.OnlineGradientDescent, new Dictionary<string, double> { ["learningRate"] = 1e-9, ["numberOfIterations"] = 1 });

        var warm = ModelTrainer.TrainFromOnline(rows, frozen, learner.ExportState());
        var cold = ModelTrainer.Train(rows, frozen);

        var onlineRmse = ValidationMetrics.Of(schema, learner.PredictAll(holdout.ToBatch()), holdout.Labels).Rmse!.Value;
        var (warmRmse, coldRmse) = (ValidationMetrics.Of(warm.Model, holdout).Rmse!.Value, ValidationMetrics.Of(cold.Model, holdout).Rmse!.Value);
        output.WriteLine($"held-out RMSE: online {onlineRmse:F0}, warm frozen {warmRmse:F0}, cold frozen {coldRmse:F0}");
        // The averaged trainer ends at w0·(n + 1)/n (WarmStartTests): a 0.03 % stretch of the weights at n = 2,979.
        Assert.True(Math.Abs(warmRmse - onlineRmse) < 0.01 * onlineRmse, $"warm {warmRmse} against online {onlineRmse}");
        Assert.True(coldRmse > 2 * onlineRmse, $"cold {coldRmse} against online {onlineRmse}");
    }

    [Fact]
    public void Poisson_regression_is_refused_naming_the_trainer()
    {
        var learner = Learned(Datasets.HousingSchema, Datasets.HousingBatch(0, 1_000));

        var error = Assert.Throws<TrainerSpecException>(() =>
            ModelTrainer.TrainFromOnline(Datasets.HousingRows(1_000, 500), new TrainerSpec(TrainerKind.Lbfgs), learner.ExportState()));

        Assert.Equal("trainer", error.Field);
        Assert.Contains("Poisson", error.Message);
    }

    [Fact]
    public void A_state_learned_under_another_schema_is_refused()
    {
        var learner = Learned(Visits.Schema(), Visits.Batch(100, 1));

        Assert.Throws<ArgumentException>(() =>
            ModelTrainer.TrainFromOnline(Datasets.HousingRows(0, 500), new TrainerSpec(TrainerKind.OnlineGradientDescent), learner.ExportState()));
    }

    /// <summary>The featurizer fitted on the rows as a scratch training fits it, its feature vectors, and the learner's weights mapped over them.</summary>
    private static (float[][] Features, LinearModelParameters Parameters) Mapped(TrainingRows rows, OnlineLearner learner, TrainerKind kind)
    {
        var ml = new MLContext(0);
        var plan = TrainerCatalog.Plan(ml, new TrainerSpec(kind), rows.Schema.Task);
        var view = ContractViews.Training(rows);
        var featurizer = Featurizer.For(ml, rows.Schema, plan).Fit(view);
        var warm = OnlineWarmStart.Map(ml, featurizer, view.Schema, rows.Schema, learner);
        var features = featurizer.Transform(view).GetColumn<VBuffer<float>>(ContractColumns.Features).Select(v => v.DenseValues().ToArray()).ToArray();
        return (features, warm.Parameters);
    }

    private static double Margin(LinearModelParameters parameters, float[] features)
    {
        var weights = parameters.Weights;
        var margin = (double)parameters.Bias;
        for (var k = 0; k < features.Length; k++)
        {
            margin += (double)weights[k] * features[k];
        }

        return margin;
    }

    /// <summary>An online learner that has learned every row of <paramref name="batch"/>, in order.</summary>
    private static OnlineLearner Learned(ModelSchema schema, EventBatch batch)
    {
        var learner = OnlineLearner.Create(schema);
        for (var i = 0; i < batch.Count; i++)
        {
            learner.Learn(batch, i, batch.Labels![i]);
        }

        return learner;
    }

    private static double Loss(TrainedModel model, TrainingRows holdout) => ValidationMetrics.Of(model.Model, holdout).LogLoss!.Value;

    /// <summary>The rows with every numeric value present (the mapping is exact only there: ML.NET imputes the training mean, the learner its running mean).</summary>
    private static EventBatch Complete(EventBatch batch)
    {
        var keep = Enumerable.Range(0, batch.Count).Where(i => batch.Numeric.All(c => double.IsFinite(c[i]))).ToArray();
        return new EventBatch
        {
            Ids = [.. keep.Select(i => batch.Ids[i])],
            Times = [.. keep.Select(i => batch.Times[i])],
            Numeric = [.. batch.Numeric.Select(c => keep.Select(i => c[i]).ToArray())],
            Categorical = [.. batch.Categorical.Select(c => keep.Select(i => c[i]).ToArray())],
            Labels = [.. keep.Select(i => batch.Labels![i])],
        };
    }
}
