using OrleansCt.Core.Policy;

namespace OrleansCt.Core.Tests.Policy;

/// <summary>Each rule of a policy, one case each, named by the JSON field it concerns; and the defaults an omitted field takes.</summary>
public sealed class PolicyValidatorTests
{
    [Theory]
    [InlineData("""{"use": "sometimes"}""", "use")]
    [InlineData("""{"use": "default", "guards": {"cooldownSeconds": 0}}""", "guards")]
    [InlineData("""{"use": "drift", "onlineLearning": false}""", "onlineLearning")]
    [InlineData("""{"triggers": {"periodic": {}}}""", "triggers.periodic")]
    [InlineData("""{"triggers": {"periodic": {"events": 0}}}""", "triggers.periodic.events")]
    [InlineData("""{"triggers": {"periodic": {"eventSeconds": -3600}}}""", "triggers.periodic.eventSeconds")]
    [InlineData("""{"triggers": {"periodic": {"wallSeconds": 0}}}""", "triggers.periodic.wallSeconds")]
    [InlineData("""{"triggers": {"alerts": [{"kind": "drift"}, {"kind": "weather"}]}}""", "triggers.alerts[1].kind")]
    [InlineData("""{"triggers": {"alerts": [{"severity": "critical"}]}}""", "triggers.alerts[0].kind")]
    [InlineData("""{"triggers": {"alerts": [{"kind": "skew", "severity": "fatal"}]}}""", "triggers.alerts[0].severity")]
    [InlineData("""{"triggers": {"alerts": [{"kind": "performance", "minFeatures": 2}]}}""", "triggers.alerts[0].minFeatures")]
    [InlineData("""{"triggers": {"alerts": [{"kind": "drift", "minFeatures": 0}]}}""", "triggers.alerts[0].minFeatures")]
    [InlineData("""{"triggers": {"alerts": [{"kind": "skew"}, {"kind": "skew", "severity": "warning"}]}}""", "triggers.alerts[1]")]
    [InlineData("""{"triggers": {"alerts": [null]}}""", "triggers.alerts[0]")]
    [InlineData("""{"guards": {"cooldownSeconds": -1}}""", "guards.cooldownSeconds")]
    [InlineData("""{"guards": {"budgetRowPassesPerDay": 0}}""", "guards.budgetRowPassesPerDay")]
    [InlineData("""{"guards": {"minNewLabels": -5}}""", "guards.minNewLabels")]
    [InlineData("""{"window": {"kind": "sliding"}}""", "window.kind")]
    [InlineData("""{"window": {"kind": "fixed", "rows": 1000, "seconds": 86400}}""", "window.seconds")]
    [InlineData("""{"window": {"kind": "fixed", "rows": -1000}}""", "window.rows")]
    [InlineData("""{"window": {"kind": "fixed", "seconds": 0}}""", "window.seconds")]
    [InlineData("""{"window": {"rows": 1000, "candidates": [2000]}}""", "window.candidates")]
    [InlineData("""{"window": {"kind": "dynamic", "candidates": []}}""", "window.candidates")]
    [InlineData("""{"window": {"kind": "dynamic", "candidates": [10001,10002,10003,10004,10005,10006,10007,10008,10009,10010,10011]}}""", "window.candidates")]
    [InlineData("""{"window": {"kind": "dynamic", "candidates": [20000, -1]}}""", "window.candidates[1]")]
    [InlineData("""{"window": {"kind": "dynamic", "candidates": [20000.5]}}""", "window.candidates[0]")]
    [InlineData("""{"window": {"kind": "dynamic", "candidates": [5000, 20000], "holdoutRows": 5000}}""", "window.candidates[0]")]
    [InlineData("""{"window": {"kind": "dynamic", "candidates": [20000, 20000]}}""", "window.candidates[1]")]
    [InlineData("""{"window": {"kind": "dynamic", "holdoutRows": 0}}""", "window.holdoutRows")]
    [InlineData("""{"window": {"kind": "dynamic", "unit": "days"}}""", "window.unit")]
    [InlineData("""{"window": {"kind": "dynamic", "rows": 50000}}""", "window.rows")]
    [InlineData("""{"window": {"kind": "representative", "seconds": 86400}}""", "window.seconds")]
    [InlineData("""{"window": {"kind": "fixed", "excludeDrifted": true}}""", "window.excludeDrifted")]
    [InlineData("""{"retrain": {"kind": "incremental"}}""", "retrain.kind")]
    [InlineData("""{"retrain": {"kind": "online"}, "onlineLearning": false}""", "retrain.kind")]
    [InlineData("""{"retrain": {"kind": "online", "trainer": "lightGbm"}}""", "retrain.trainer")]
    [InlineData("""{"retrain": {"kind": "online", "options": {"numberOfLeaves": 31}}}""", "retrain.options")]
    [InlineData("""{"retrain": {"trainer": " "}}""", "retrain.trainer")]
    [InlineData("""{"retrain": {"kind": "warm"}}""", "retrain.trainer")]
    [InlineData("""{"retrain": {"seed": -7}}""", "retrain.seed")]
    [InlineData("""{"gate": {"metric": ""}}""", "gate.metric")]
    [InlineData("""{"gate": {"maxHoldoutRows": 0}}""", "gate.maxHoldoutRows")]
    public void A_broken_rule_is_one_error_naming_its_field(string json, string field)
    {
        var (policy, errors) = PolicyValidator.Validate(PolicySpecs.Read(json), ModelTask.Binary);

        Assert.Null(policy);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Numbers_json_cannot_carry_are_refused_too()
    {
        var spec = new PolicySpec
        {
            Guards = new PolicyGuardsSpec { CooldownSeconds = double.PositiveInfinity },
            Retrain = new PolicyRetrainSpec { Options = new Dictionary<string, double> { ["learningRate"] = double.NaN } },
            Gate = new GateRequest { Floor = double.NaN },
        };

        var (_, errors) = PolicyValidator.Validate(spec, ModelTask.Binary);

        Assert.Equal(["guards.cooldownSeconds", "retrain.options.learningRate", "gate.floor"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var spec = PolicySpecs.Read("""
            {"triggers": {"alerts": [{"kind": "dirft"}]}, "guards": {"minNewLabels": -1},
             "window": {"kind": "dynamic", "candidates": [100]}, "retrain": {"seed": -1}}
            """);

        var (_, errors) = PolicyValidator.Validate(spec, ModelTask.Regression);

        Assert.Equal(["triggers.alerts[0].kind", "guards.minNewLabels", "window.candidates[0]", "retrain.seed"], errors.Select(e => e.Field));
    }

    [Fact]
    public void The_messages_say_what_is_allowed()
    {
        var (_, errors) = PolicyValidator.Validate(PolicySpecs.Read("""{"triggers": {"alerts": [{"kind": "weather"}]}}"""), ModelTask.Binary);

        Assert.Equal(
            "'weather' is not an alert kind: use \"drift\", \"multivariate\", \"predictionDrift\", \"labelDrift\", \"skew\", \"performance\", \"conceptDrift\", \"schemaChange\" or \"dataQuality\"",
            Assert.Single(errors).Message);
    }

    [Fact]
    public void An_empty_policy_takes_every_default()
    {
        var (policy, errors) = PolicyValidator.Validate(new PolicySpec(), ModelTask.Binary);

        Assert.Empty(errors);
        Assert.Equal(
            new RetrainPolicy(
                new PolicyTriggers(null, [], false),
                new RetrainGuards(259_200, 50_000_000, 1_000),
                new FixedWindow(50_000, null),
                new RetrainSettings(RetrainKind.Scratch, "lightGbm", new Dictionary<string, double>(), 0),
                new GateRequest(),
                true),
            policy);
    }

    [Fact]
    public void Omitted_fields_inside_a_section_take_their_defaults()
    {
        var spec = PolicySpecs.Read("""
            {"triggers": {"alerts": [{"kind": "drift"}, {"kind": "conceptDrift", "severity": "critical"}]},
             "guards": {"cooldownSeconds": 0}, "window": {"kind": "dynamic"}, "retrain": {"kind": "online"}}
            """);

        var policy = PolicyValidator.Validate(spec, ModelTask.Multiclass).Policy!;

        Assert.Equal([new AlertTrigger(PolicyAlertKind.Drift, AlertSeverity.Warning, 1), new AlertTrigger(PolicyAlertKind.ConceptDrift, AlertSeverity.Critical, 1)], policy.Triggers.Alerts);
        Assert.False(policy.Triggers.ConfigChange);
        Assert.Equal(new RetrainGuards(0, 50_000_000, 1_000), policy.Guards);
        Assert.Equal(new DynamicWindow(WindowUnit.Rows, [10_000, 20_000, 50_000, 100_000], 5_000), policy.Window);
        Assert.Equal(new RetrainSettings(RetrainKind.Online, null, new Dictionary<string, double>(), 0), policy.Retrain);
    }

    [Fact]
    public void A_fixed_window_of_seconds_keeps_no_rows_and_a_representative_one_excludes_drift_by_default()
    {
        var bySeconds = PolicyValidator.Validate(PolicySpecs.Read("""{"window": {"seconds": 604800}}"""), ModelTask.Binary).Policy!;
        var representative = PolicyValidator.Validate(PolicySpecs.Read("""{"window": {"kind": "representative"}}"""), ModelTask.Binary).Policy!;

        Assert.Equal(new FixedWindow(null, 604_800), bySeconds.Window);
        Assert.Equal(new RepresentativeWindow(50_000, true), representative.Window);
    }

    [Fact]
    public void Dynamic_candidates_are_kept_ascending_and_may_count_seconds()
    {
        var spec = PolicySpecs.Read("""{"window": {"kind": "dynamic", "unit": "seconds", "candidates": [2592000, 86400, 604800], "holdoutRows": 500000}}""");

        var window = PolicyValidator.Validate(spec, ModelTask.Regression).Policy!.Window;

        // Seconds are not rows: a candidate shorter in number than the held-out rows is no contradiction.
        Assert.Equal(new DynamicWindow(WindowUnit.Seconds, [86_400, 604_800, 2_592_000], 500_000), window);
    }

    [Fact]
    public void Use_alone_gives_the_built_in()
    {
        foreach (var name in BuiltInPolicies.Names)
        {
            var (policy, errors) = PolicyValidator.Validate(new PolicySpec { Use = name }, ModelTask.Regression);

            Assert.Empty(errors);
            Assert.Same(BuiltInPolicies.Get(name), policy);
        }
    }

    [Fact]
    public void Use_with_other_fields_names_each_of_them()
    {
        var spec = PolicySpecs.Read("""{"use": "default", "triggers": {}, "window": {"kind": "fixed"}, "gate": {}}""");

        var (_, errors) = PolicyValidator.Validate(spec, ModelTask.Binary);

        Assert.Equal(["triggers", "window", "gate"], errors.Select(e => e.Field));
    }

    [Fact]
    public void The_retrain_check_sees_the_resolved_settings_and_its_errors_are_returned()
    {
        (RetrainSettings Retrain, GateRequest Gate, ModelTask Task)? seen = null;
        IEnumerable<FieldError> Check(RetrainSettings retrain, GateRequest gate, ModelTask task)
        {
            seen = (retrain, gate, task);
            return [new FieldError("gate.metric", "auc is not measured for regression models")];
        }

        var spec = PolicySpecs.Read("""{"retrain": {"seed": 3}, "gate": {"metric": "auc"}}""");
        var (policy, errors) = PolicyValidator.Validate(spec, ModelTask.Regression, Check);

        Assert.Null(policy);
        Assert.Equal("gate.metric", Assert.Single(errors).Field);
        Assert.Equal((new RetrainSettings(RetrainKind.Scratch, "lightGbm", new Dictionary<string, double>(), 3), new GateRequest { Metric = "auc" }, ModelTask.Regression), seen);
    }

    [Fact]
    public void The_retrain_check_is_not_asked_about_a_policy_core_already_refused()
    {
        var asked = false;
        IEnumerable<FieldError> Check(RetrainSettings retrain, GateRequest gate, ModelTask task)
        {
            asked = true;
            return [];
        }

        PolicyValidator.Validate(PolicySpecs.Read("""{"retrain": {"seed": -1}}"""), ModelTask.Binary, Check);

        Assert.False(asked);
    }
}
