using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

public sealed class LearnerOptionsTests
{
    [Fact]
    public void Classification_defaults_to_log_loss_on_the_optimal_schedule()
    {
        var options = LearnerOptionsResolver.Resolve(Rows.Schema(ModelTask.Binary, new LearnerSpec(), categorical: [("colour", ["red"]), ("city", null)]));

        // alpha 1e-4 → the optimal schedule's first step is sqrt(1 / sqrt(1e-4)) = 10.
        Assert.Equal(
            new ResolvedLearnerOptions(LearnerLoss.Logistic, LearningSchedule.Optimal, 10, 1e-4, 0.25, true, options.Encodings, 32),
            options);
        Assert.Equal([CategoricalEncoding.OneHot, CategoricalEncoding.Hashed], options.Encodings);
    }

    [Fact]
    public void Regression_defaults_to_squared_loss_on_inverse_scaling()
    {
        var options = LearnerOptionsResolver.Resolve(Rows.Schema(ModelTask.Regression, new LearnerSpec()));

        Assert.Equal((LearnerLoss.Squared, LearningSchedule.InvScaling, 0.1, 1e-4, 0.25), (options.Loss, options.Schedule, options.Eta0, options.Alpha, options.PowerT));
    }

    [Fact]
    public void Explicit_options_win_and_names_are_case_insensitive()
    {
        var spec = new LearnerSpec { Loss = "Hinge", Schedule = "ADAGRAD", LearningRate = 0.3, L2 = 0.5, PowerT = 1, Standardize = false, Encoding = "hashed", HashBuckets = 4 };

        var options = LearnerOptionsResolver.Resolve(Rows.Schema(ModelTask.Multiclass, spec, categorical: [("colour", ["red"])]));

        Assert.Equal(
            new ResolvedLearnerOptions(LearnerLoss.Hinge, LearningSchedule.AdaGrad, 0.3, 0.5, 1, false, options.Encodings, 4),
            options);
        Assert.Equal([CategoricalEncoding.Hashed], options.Encodings);
        Assert.Equal(0.5, LearnerOptionsResolver.Resolve(Rows.Schema(ModelTask.Binary, new LearnerSpec { Schedule = "adagrad" })).Eta0);
    }

    [Theory]
    [InlineData(0.01, null)]
    [InlineData(null, 0.0)]
    public void A_classifier_given_a_rate_or_no_penalty_but_no_schedule_steps_at_a_constant_rate(double? rate, double? l2)
    {
        // The example registers {"loss": "log", "learningRate": 0.01, "l2": 0.0}: the rate is meant as given,
        // and "optimal" (eta = 1 / (alpha (t0 + t))) cannot use alpha = 0.
        var schema = new ModelSchema(Rows.Schema(ModelTask.Binary, new LearnerSpec()).Definition with { Learner = new LearnerSpec { LearningRate = rate, L2 = l2 } });
        var options = LearnerOptionsResolver.Resolve(schema);
        Assert.Equal(LearningSchedule.Constant, options.Schedule);
        Assert.Equal(rate ?? LearnerOptionsResolver.DefaultEta0, options.Eta0);
    }

    [Theory]
    [InlineData(ModelTask.Regression, "hinge", null, null, null, null, "learner.loss")]
    [InlineData(ModelTask.Regression, "log", null, null, null, null, "learner.loss")]
    [InlineData(ModelTask.Binary, "squared", null, null, null, null, "learner.loss")]
    [InlineData(ModelTask.Binary, "logistic", null, null, null, null, "learner.loss")]
    [InlineData(ModelTask.Binary, null, "sometimes", null, null, null, "learner.schedule")]
    [InlineData(ModelTask.Binary, null, "constant", -0.1, null, null, "learner.learningRate")]
    [InlineData(ModelTask.Binary, null, "constant", 0.0, null, null, "learner.learningRate")]
    [InlineData(ModelTask.Binary, null, "constant", double.NaN, null, null, "learner.learningRate")]
    [InlineData(ModelTask.Binary, null, "optimal", 0.1, null, null, "learner.learningRate")]
    [InlineData(ModelTask.Binary, null, "constant", null, -1e-4, null, "learner.l2")]
    [InlineData(ModelTask.Binary, null, "optimal", null, 0.0, null, "learner.l2")]
    [InlineData(ModelTask.Regression, null, null, null, null, -0.5, "learner.powerT")]
    public void Invalid_options_are_reported_by_field(ModelTask task, string? loss, string? schedule, double? rate, double? l2, double? powerT, string field)
    {
        var definition = Rows.Schema(task, new LearnerSpec()).Definition with
        {
            Learner = new LearnerSpec { Loss = loss, Schedule = schedule, LearningRate = rate, L2 = l2, PowerT = powerT },
        };

        var errors = LearnerOptionsResolver.Validate(definition);

        Assert.Equal([field], errors.Select(e => e.Field));
        var thrown = Assert.Throws<ArgumentException>(() => LearnerOptionsResolver.Resolve(new ModelSchema(definition)));
        Assert.Contains(field, thrown.Message);
        Assert.Throws<ArgumentException>(() => OnlineLearner.Create(new ModelSchema(definition)));
    }

    [Fact]
    public void Encoding_errors_name_the_feature_that_cannot_be_encoded()
    {
        var open = Rows.Schema(ModelTask.Binary, new LearnerSpec { Encoding = "onehot" }, categorical: [("city", null)]).Definition;
        Assert.Equal([("learner.encoding", "one-hot needs the categories of feature 'city'; list them or use \"hashed\".")], LearnerOptionsResolver.Validate(open));

        var unknown = open with { Learner = new LearnerSpec { Encoding = "binary" } };
        Assert.Equal(["learner.encoding"], LearnerOptionsResolver.Validate(unknown).Select(e => e.Field));

        var buckets = open with { Learner = new LearnerSpec { HashBuckets = 0 } };
        Assert.Equal(["learner.hashBuckets"], LearnerOptionsResolver.Validate(buckets).Select(e => e.Field));

        // Bucket count does not matter when nothing is hashed.
        var numericOnly = Rows.Schema(ModelTask.Binary, new LearnerSpec { HashBuckets = 0 }).Definition;
        Assert.Empty(LearnerOptionsResolver.Validate(numericOnly));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var definition = Rows.Schema(ModelTask.Regression, new LearnerSpec()).Definition with
        {
            Learner = new LearnerSpec { Kind = "tree", Loss = "hinge", Schedule = "fast", L2 = -1 },
        };

        Assert.Equal(["learner.kind", "learner.loss", "learner.schedule", "learner.l2"], LearnerOptionsResolver.Validate(definition).Select(e => e.Field));
    }

    [Fact]
    public void A_binary_model_needs_exactly_two_classes()
    {
        var schema = Rows.Schema(ModelTask.Binary, new LearnerSpec(), classes: ["a", "b", "c"]);
        Assert.Contains("classes", Assert.Throws<ArgumentException>(() => OnlineLearner.Create(schema)).Message);
    }
}
