using Microsoft.ML;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>A spec that does not fit is refused naming the field; every option reaches the ML.NET trainer.</summary>
public sealed class TrainerSpecTests
{
    [Theory]
    [InlineData(TrainerKind.FastTree, ModelTask.Multiclass)]
    [InlineData(TrainerKind.OnlineGradientDescent, ModelTask.Binary)]
    [InlineData(TrainerKind.AveragedPerceptron, ModelTask.Regression)]
    [InlineData(TrainerKind.LinearSvm, ModelTask.Multiclass)]
    public void A_trainer_that_does_not_train_the_task_is_refused_naming_trainer(TrainerKind kind, ModelTask task)
    {
        var error = Assert.Throws<TrainerSpecException>(() => new TrainerSpec(kind).Validate(task));

        Assert.Equal("trainer", error.Field);
        Assert.StartsWith($"trainer {kind} does not train {task.ToString().ToLowerInvariant()} models; use one of ", error.Message);
    }

    [Theory]
    [InlineData(ModelTask.Binary)]
    [InlineData(ModelTask.Multiclass)]
    [InlineData(ModelTask.Regression)]
    public void The_default_is_lightgbm_and_fits_every_task(ModelTask task)
    {
        var spec = TrainerSpec.Default(task, seed: 9);

        spec.Validate(task);
        Assert.Equal(new TrainerSpec(TrainerKind.LightGbm, null, 9), spec);
    }

    [Fact]
    public void An_unknown_option_is_refused_naming_it_and_listing_the_trainers_options()
    {
        var spec = new TrainerSpec(TrainerKind.LightGbm, new Dictionary<string, double> { ["numberOfTrees"] = 10 });

        var error = Assert.Throws<TrainerSpecException>(() => spec.Validate(ModelTask.Binary));

        Assert.Equal("options.numberOfTrees", error.Field);
        Assert.Equal(
            "options.numberOfTrees is not an option of LightGbm; its options are numberOfLeaves, numberOfIterations, minimumExampleCountPerLeaf, learningRate.",
            error.Message);
    }

    [Theory]
    [InlineData("numberOfLeaves", 1, "options.numberOfLeaves must be an integer ≥ 2 and ≤ 131072 (got 1).")]
    [InlineData("numberOfLeaves", 2.5, "options.numberOfLeaves must be an integer ≥ 2 and ≤ 131072 (got 2.5).")]
    [InlineData("learningRate", 0, "options.learningRate must be a number > 0 and ≤ 10 (got 0).")]
    [InlineData("learningRate", double.NaN, "options.learningRate must be a number > 0 and ≤ 10 (got NaN).")]
    [InlineData("minimumExampleCountPerLeaf", 0, "options.minimumExampleCountPerLeaf must be an integer ≥ 1 and ≤ 1000000 (got 0).")]
    public void An_option_out_of_range_is_refused_naming_it(string name, double value, string message)
    {
        var spec = new TrainerSpec(TrainerKind.FastTree, new Dictionary<string, double> { [name] = value });

        var error = Assert.Throws<TrainerSpecException>(() => spec.Validate(ModelTask.Regression));

        Assert.Equal($"options.{name}", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void An_online_trainers_l2_of_one_half_is_refused_as_mlnet_would()
    {
        var spec = new TrainerSpec(TrainerKind.OnlineGradientDescent, new Dictionary<string, double> { ["l2Regularization"] = 0.5 });

        var error = Assert.Throws<TrainerSpecException>(() => spec.Validate(ModelTask.Regression));

        Assert.Equal("options.l2Regularization must be a number ≥ 0 and < 0.5 (got 0.5).", error.Message);
    }

    [Fact]
    public void Every_option_of_every_trainer_reaches_a_field_of_its_mlnet_options_for_every_task_it_trains()
    {
        var ml = new MLContext();
        foreach (var kind in Enum.GetValues<TrainerKind>())
        {
            var options = TrainerOptions.For(kind).ToDictionary(r => r.Name, r => r.Integer ? Math.Min(r.Min + 1, r.Max) : r.Max < 1e6 ? (r.Min + r.Max) / 2 : r.Min + 1);
            foreach (var task in Enum.GetValues<ModelTask>().Where(t => TrainerOptions.Trains(kind, t)))
            {
                var spec = new TrainerSpec(kind, options);
                spec.Validate(task);
                Assert.NotNull(TrainerCatalog.Plan(ml, spec, task));
            }
        }
    }

    [Fact]
    public void The_number_of_boosting_rounds_set_in_the_options_is_the_one_the_trainer_runs_and_reports()
    {
        var spec = new TrainerSpec(TrainerKind.LightGbm, new Dictionary<string, double> { ["numberOfIterations"] = 7 });

        var trained = ModelTrainer.Train(Datasets.Elec2Rows(0, 1_000), spec);

        Assert.Equal(7, trained.Cost.Passes);
        Assert.Equal(7_000, trained.Cost.RowPasses);
        Assert.Equal(1_000, trained.Cost.Rows);
        Assert.True(trained.Cost.Seconds > 0);
    }

    [Fact]
    public void A_feature_named_Label_is_refused_before_training()
    {
        var definition = Tiny.Schema.Definition with
        {
            Features = [.. Tiny.Schema.Definition.Features.Select(f => f.Name == "a" ? f with { Name = "Label" } : f)],
        };
        var schema = new Core.Schema.ModelSchema(definition);
        var batch = new Core.Events.EventBatch
        {
            Ids = ["1"],
            Times = [0],
            Numeric = [[1], [2]],
            Categorical = [["p"]],
            Labels = [1],
        };

        var error = Assert.Throws<ArgumentException>(() => ModelTrainer.Train(Rows.TrainingRows.From(schema, batch), new TrainerSpec(TrainerKind.LightGbm)));

        Assert.StartsWith("feature 'Label' has the name of the contract's label column", error.Message);
    }
}
