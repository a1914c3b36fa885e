using OrleansCt.Core.Schema;
using OrleansCt.Grains.Training;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;

namespace OrleansCt.Grains.Tests.Training;

/// <summary>A retrain request made concrete on TestLog's binary model: the defaults, and each bad field named.</summary>
public sealed class RetrainPlanTests
{
    private static readonly ModelSchema Binary = new(TestLog.Definition);

    [Fact]
    public void An_empty_request_trains_lightgbm_from_scratch_on_the_default_rows_with_the_default_gate()
    {
        var (plan, errors) = RetrainPlan.Parse(new RetrainRequest(), Binary, new TrainingOptions());

        Assert.Empty(errors);
        Assert.Equal((TrainerKind.LightGbm, 0, RetrainPlan.Scratch, 50_000), (plan!.Spec.Kind, plan.Spec.Seed, plan.Kind, plan.Rows));
        Assert.Empty(plan.Spec.OptionValues);
        Assert.Equal(new GateSpec(), plan.Gate);

        // The default rows come from the silo's options.
        var (fewer, _) = RetrainPlan.Parse(new RetrainRequest(), Binary, new TrainingOptions { DefaultRows = 1_234 });
        Assert.Equal(1_234, fewer!.Rows);
    }

    [Fact]
    public void A_full_request_is_taken_as_given()
    {
        var request = new RetrainRequest
        {
            Trainer = "lbfgs",
            Kind = "warm",
            Rows = 7_000,
            Seed = 9,
            Options = new Dictionary<string, double> { ["l2Regularization"] = 0.5 },
            Gate = new GateRequest { Metric = "auc", MaxWorsening = 0.01, HoldoutFraction = 0.25 },
        };

        var (plan, errors) = RetrainPlan.Parse(request, Binary, new TrainingOptions());

        Assert.Empty(errors);
        Assert.Equal((TrainerKind.Lbfgs, 9, RetrainPlan.Warm, 7_000), (plan!.Spec.Kind, plan.Spec.Seed, plan.Kind, plan.Rows));
        Assert.Equal(0.5, plan.Spec.OptionValues["l2Regularization"]);
        Assert.Equal(new GateSpec(Metric: "auc", MaxWorsening: 0.01, HoldoutFraction: 0.25), plan.Gate);
    }

    public static TheoryData<string, RetrainRequest> BadRequests() => new()
    {
        { "kind", new RetrainRequest { Kind = "sideways" } },
        { "trainer", new RetrainRequest { Trainer = "xgboost" } },
        { "trainer", new RetrainRequest { Trainer = "" } },
        // A trainer that exists but does not train binary models.
        { "trainer", new RetrainRequest { Trainer = "onlineGradientDescent" } },
        // Warm start from a trainer that cannot: named as the trainer's problem.
        { "trainer", new RetrainRequest { Trainer = "lightGbm", Kind = "warm" } },
        { "rows", new RetrainRequest { Rows = 0 } },
        { "rows", new RetrainRequest { Rows = -5 } },
        { "rows", new RetrainRequest { Rows = 1_000_001 } },
        { "seed", new RetrainRequest { Seed = -1 } },
        { "reason", new RetrainRequest { Reason = new string('r', 501) } },
        { "by", new RetrainRequest { By = new string('b', 201) } },
        { "options.x", new RetrainRequest { Options = new Dictionary<string, double> { ["x"] = 1 } } },
        { "gate.metric", new RetrainRequest { Gate = new GateRequest { Metric = "rmse" } } },
        { "gate.metric", new RetrainRequest { Gate = new GateRequest { Metric = "happiness" } } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Each_bad_field_is_refused_by_name_and_gives_no_plan(string field, RetrainRequest request)
    {
        var (plan, errors) = RetrainPlan.Parse(request, Binary, new TrainingOptions());

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Several_bad_fields_are_all_named()
    {
        var (plan, errors) = RetrainPlan.Parse(new RetrainRequest { Kind = "x", Trainer = "y", Rows = 0, Seed = -1 }, Binary, new TrainingOptions());

        Assert.Null(plan);
        Assert.Equal(["kind", "trainer", "rows", "seed"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("LightGbm", TrainerKind.LightGbm)]
    [InlineData("lightgbm", TrainerKind.LightGbm)]
    [InlineData("lightGbm", TrainerKind.LightGbm)]
    [InlineData("LIGHTGBM", TrainerKind.LightGbm)]
    [InlineData("fastTree", TrainerKind.FastTree)]
    [InlineData("sdca", TrainerKind.Sdca)]
    [InlineData("averagedPerceptron", TrainerKind.AveragedPerceptron)]
    public void Trainer_names_parse_whatever_their_case(string name, TrainerKind kind)
    {
        Assert.True(RetrainPlan.TryTrainer(name, out var parsed));
        Assert.Equal(kind, parsed);
        var (plan, errors) = RetrainPlan.Parse(new RetrainRequest { Trainer = name }, Binary, new TrainingOptions());
        Assert.Empty(errors);
        Assert.Equal(kind, plan!.Spec.Kind);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("99")]
    // Enum.TryParse reads a comma list as flags OR-ed together: "sdca,lbfgs" is 0 | 1, Lbfgs; "lbfgs,fastTree" is 1 | 2, LightGbm.
    [InlineData("sdca,lbfgs")]
    [InlineData("lbfgs, fastTree")]
    public void A_number_or_a_list_is_not_a_trainer_name(string name)
    {
        Assert.False(RetrainPlan.TryTrainer(name, out _));
        var (plan, errors) = RetrainPlan.Parse(new RetrainRequest { Trainer = name }, Binary, new TrainingOptions());
        Assert.Null(plan);
        Assert.Equal("trainer", Assert.Single(errors).Field);
    }

    [Fact]
    public void The_api_name_of_a_trainer_is_camel_case_and_parses_back()
    {
        Assert.Equal(["sdca", "lbfgs", "fastTree", "lightGbm", "onlineGradientDescent", "averagedPerceptron", "linearSvm"],
            Enum.GetValues<TrainerKind>().Select(RetrainPlan.Name));
        Assert.All(Enum.GetValues<TrainerKind>(), k => Assert.True(RetrainPlan.TryTrainer(RetrainPlan.Name(k), out var back) && back == k));
    }
}
