using OrleansCt.Core.Policy;

namespace OrleansCt.Core.Tests.Policy;

/// <summary>A validated policy written as JSON (GET, the log's control entry) and read back is the same policy, in the same words.</summary>
public sealed class PolicyRoundTripTests
{
    private const string EveryField = """
        {"triggers": {"periodic": {"events": 100000, "eventSeconds": 604800, "wallSeconds": 86400},
                      "alerts": [{"kind": "drift", "severity": "critical", "minFeatures": 3}, {"kind": "performance"}, {"kind": "schemaChange"}],
                      "configChange": true},
         "guards": {"cooldownSeconds": 43200.5, "budgetRowPassesPerDay": 1e7, "minNewLabels": 0},
         "window": {"kind": "dynamic", "candidates": [40000, 8000], "holdoutRows": 2000},
         "retrain": {"kind": "warm", "trainer": "lbfgs", "options": {"l2Regularization": 0.1, "historySize": 20}, "seed": 42},
         "gate": {"metric": "auc", "floor": 0.7, "maxRelativeWorsening": 0.02, "holdoutFraction": 0.25},
         "onlineLearning": true}
        """;

    public static TheoryData<string> Policies() => new()
    {
        EveryField,
        "{}",
        """{"window": {"kind": "fixed", "seconds": 2592000}, "onlineLearning": false}""",
        """{"window": {"kind": "representative", "rows": 20000, "excludeDrifted": false}, "retrain": {"kind": "online"}}""",
        """{"window": {"kind": "dynamic", "unit": "seconds", "candidates": [86400]}}""",
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Written_and_read_back_it_is_the_same_policy(string json)
    {
        var policy = Valid(PolicySpecs.Read(json));

        var written = PolicySpecs.Write(policy.ToSpec());
        var again = Valid(PolicySpecs.Read(written));

        Assert.Equal(policy, again);
        Assert.Equal(written, PolicySpecs.Write(again.ToSpec()));
    }

    [Fact]
    public void The_written_form_is_explicit_camel_case_and_sorted_where_the_input_was_not()
    {
        var written = PolicySpecs.Write(Valid(PolicySpecs.Read(EveryField)).ToSpec());

        Assert.Equal(
            """{"triggers":{"periodic":{"events":100000,"eventSeconds":604800,"wallSeconds":86400},"alerts":[{"kind":"drift","severity":"critical","minFeatures":3},{"kind":"performance","severity":"warning"},{"kind":"schemaChange","severity":"warning"}],"configChange":true,"once":false},"guards":{"cooldownSeconds":43200.5,"budgetRowPassesPerDay":10000000,"minNewLabels":0},"window":{"kind":"dynamic","candidates":[8000,40000],"unit":"rows","holdoutRows":2000},"retrain":{"kind":"warm","trainer":"lbfgs","options":{"historySize":20,"l2Regularization":0.1},"seed":42},"gate":{"metric":"auc","floor":0.7,"maxRelativeWorsening":0.02,"holdoutFraction":0.25},"onlineLearning":true}""",
            written);
    }

    [Fact]
    public void A_built_in_is_written_in_full_without_use()
    {
        var written = PolicySpecs.Write(Valid(new PolicySpec { Use = "never" }).ToSpec());

        Assert.Equal(
            """{"triggers":{"alerts":[],"configChange":false,"once":true},"guards":{"cooldownSeconds":259200,"budgetRowPassesPerDay":50000000,"minNewLabels":1000},"window":{"kind":"fixed","rows":50000},"retrain":{"kind":"scratch","trainer":"lightGbm","seed":0},"gate":{"maxWorsening":1000000000000},"onlineLearning":false}""",
            written);
    }

    [Theory]
    [InlineData("""{"trigers": {}}""", "$.trigers")]
    [InlineData("""{"guards": {"cooldownSecond": 0}}""", "$.guards.cooldownSecond")]
    [InlineData("""{"triggers": {"alerts": [{"kind": "drift", "minFeature": 2}]}}""", "$.triggers.alerts[0].minFeature")]
    public void A_misspelt_field_is_refused_by_its_path_rather_than_ignored(string json, string path)
    {
        var e = Assert.Throws<System.Text.Json.JsonException>(() => PolicySpecs.Read(json));

        Assert.Equal(path, e.Path);
    }

    private static RetrainPolicy Valid(PolicySpec spec)
    {
        var (policy, errors) = PolicyValidator.Validate(spec, ModelTask.Binary);
        Assert.Empty(errors);
        return policy!;
    }
}
