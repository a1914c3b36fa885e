using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

/// <summary>Checks of a definition's aliases, schema-change policy, drift and alert settings, each named by its JSON field.</summary>
public sealed class DriftAlertValidatorTests
{
    /// <summary>Every setting these checks read, set to something allowed.</summary>
    private static readonly ModelDefinition Good = new()
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        Features =
        [
            new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Aliases = ["cost", "nswprice"] },
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Categories = ["1", "2"], Aliases = ["weekday"] },
        ],
        Monitoring = new MonitoringSpec
        {
            Drift = new DriftSpec
            {
                WindowSeconds = 7_200,
                WindowBuckets = 12,
                KeepBuckets = 48,
                ReferenceChunkThresholds = true,
                Alerts = false,
                Features = new Dictionary<string, FeatureDriftSpec>
                {
                    ["price"] = new() { Statistic = "ksD", Threshold = 0.2 },
                    ["day"] = new() { Statistic = "lInfinity" },
                },
            },
        },
        Validation = new ValidationSpec { OnSchemaChange = "count", OnViolation = "reject" },
        Alerts = new AlertSpec
        {
            Webhook = "https://hooks.example.com/orleansct",
            CooldownSeconds = 0,
            Hysteresis = 0.2,
            ResolveAfter = 5,
            CriticalFactor = 3,
            MissingRateTolerance = 0.05,
            ViolationShare = 0.02,
            Metric = "accuracy",
            MetricThreshold = 0.7,
            MinLabels = 50,
        },
    };

    private static readonly ModelDefinition GoodRegression = Good with
    {
        Task = ModelTask.Regression,
        Classes = [],
        Alerts = Good.Alerts with { Webhook = "http://localhost:8080/alerts", Metric = "mae", MetricThreshold = 2.5 },
    };

    private static IEnumerable<string> Fields(ModelDefinition definition) => ModelDefinitionValidator.Validate(definition).Select(e => e.Field);

    private static ModelDefinition WithDrift(string feature, FeatureDriftSpec setting) => Good with
    {
        Monitoring = Good.Monitoring with { Drift = Good.Monitoring.Drift with { Features = new Dictionary<string, FeatureDriftSpec> { [feature] = setting } } },
    };

    private static ModelDefinition WithAliases(IReadOnlyList<string>? price, IReadOnlyList<string>? day) => Good with
    {
        Features = [Good.Features[0] with { Aliases = price }, Good.Features[1] with { Aliases = day }],
    };

    private static ModelDefinition Case(string name) => name switch
    {
        "policy" => Good with { Validation = Good.Validation with { OnSchemaChange = "drop" } },
        "alias is a feature's name" => WithAliases(["day"], null),
        "alias is its own feature's name" => WithAliases(["price"], null),
        "alias of two features" => WithAliases(["cost"], ["cost"]),
        "alias twice" => WithAliases(["cost", "cost"], null),
        "alias empty" => WithAliases(["cost", ""], null),
        "alias blank" => WithAliases(null, [" "]),
        "window 0 s" => Good with { Monitoring = Good.Monitoring with { Drift = Good.Monitoring.Drift with { WindowSeconds = 0 } } },
        "window NaN s" => Good with { Monitoring = Good.Monitoring with { Drift = Good.Monitoring.Drift with { WindowSeconds = double.NaN } } },
        "window 0 buckets" => Good with { Monitoring = Good.Monitoring with { Drift = Good.Monitoring.Drift with { WindowBuckets = 0 } } },
        "window 100001 buckets" => Good with { Monitoring = Good.Monitoring with { Drift = Good.Monitoring.Drift with { WindowBuckets = 100_001 } } },
        "keep 0 buckets" => Good with { Monitoring = Good.Monitoring with { Drift = Good.Monitoring.Drift with { KeepBuckets = 0 } } },
        "unknown feature" => WithDrift("wind", new FeatureDriftSpec { Statistic = "psi" }),
        "alias as feature" => WithDrift("cost", new FeatureDriftSpec { Statistic = "psi" }),
        "unknown statistic" => WithDrift("price", new FeatureDriftSpec { Statistic = "kl" }),
        "numeric statistic on categorical" => WithDrift("day", new FeatureDriftSpec { Statistic = "wassersteinNormed" }),
        "ksP on categorical" => WithDrift("day", new FeatureDriftSpec { Statistic = "ksP" }),
        "ksD without threshold" => WithDrift("price", new FeatureDriftSpec { Statistic = "ksD" }),
        "chi2 without threshold" => WithDrift("day", new FeatureDriftSpec { Statistic = "chi2" }),
        "negative threshold" => WithDrift("price", new FeatureDriftSpec { Threshold = -0.1 }),
        "webhook ftp" => Good with { Alerts = Good.Alerts with { Webhook = "ftp://hooks.example.com/x" } },
        "webhook relative" => Good with { Alerts = Good.Alerts with { Webhook = "hooks.example.com/x" } },
        "hysteresis 1" => Good with { Alerts = Good.Alerts with { Hysteresis = 1 } },
        "hysteresis negative" => Good with { Alerts = Good.Alerts with { Hysteresis = -0.1 } },
        "mae on classification" => Good with { Alerts = Good.Alerts with { Metric = "mae" } },
        "accuracy on regression" => GoodRegression with { Alerts = GoodRegression.Alerts with { Metric = "accuracy" } },
        "metric without threshold" => Good with { Alerts = Good.Alerts with { MetricThreshold = null } },
        "window longer than history" => Good with { Monitoring = Good.Monitoring with { Drift = Good.Monitoring.Drift with { KeepBuckets = 1 } } },
        "ksP threshold above 1" => WithDrift("price", new FeatureDriftSpec { Statistic = "ksP", Threshold = 5 }),
        "jsDistance threshold above 1" => WithDrift("day", new FeatureDriftSpec { Statistic = "jsDistance", Threshold = 2 }),
        "threshold without metric" => Good with { Alerts = Good.Alerts with { Metric = null } },
        "accuracy above 1" => Good with { Alerts = Good.Alerts with { MetricThreshold = 1.5 } },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };

    [Fact]
    public void A_definition_using_every_drift_and_alert_setting_has_no_errors()
    {
        Assert.Empty(ModelDefinitionValidator.Validate(Good));
        Assert.Empty(ModelDefinitionValidator.Validate(GoodRegression));
    }

    [Theory]
    [InlineData("policy", "validation.onSchemaChange")]
    [InlineData("alias is a feature's name", "features[0].aliases[0]")]
    [InlineData("alias is its own feature's name", "features[0].aliases[0]")]
    [InlineData("alias of two features", "features[1].aliases[0]")]
    [InlineData("alias twice", "features[0].aliases[1]")]
    [InlineData("alias empty", "features[0].aliases[1]")]
    [InlineData("alias blank", "features[1].aliases[0]")]
    [InlineData("window 0 s", "monitoring.drift.windowSeconds")]
    [InlineData("window NaN s", "monitoring.drift.windowSeconds")]
    [InlineData("window 0 buckets", "monitoring.drift.windowBuckets")]
    [InlineData("window 100001 buckets", "monitoring.drift.windowBuckets")]
    [InlineData("keep 0 buckets", "monitoring.drift.keepBuckets")]
    [InlineData("unknown feature", "monitoring.drift.features.wind")]
    [InlineData("alias as feature", "monitoring.drift.features.cost")]
    [InlineData("unknown statistic", "monitoring.drift.features.price.statistic")]
    [InlineData("numeric statistic on categorical", "monitoring.drift.features.day.statistic")]
    [InlineData("ksP on categorical", "monitoring.drift.features.day.statistic")]
    [InlineData("ksD without threshold", "monitoring.drift.features.price.threshold")]
    [InlineData("chi2 without threshold", "monitoring.drift.features.day.threshold")]
    [InlineData("negative threshold", "monitoring.drift.features.price.threshold")]
    [InlineData("webhook ftp", "alerts.webhook")]
    [InlineData("webhook relative", "alerts.webhook")]
    [InlineData("hysteresis 1", "alerts.hysteresis")]
    [InlineData("hysteresis negative", "alerts.hysteresis")]
    [InlineData("mae on classification", "alerts.metric")]
    [InlineData("accuracy on regression", "alerts.metric")]
    [InlineData("metric without threshold", "alerts.metricThreshold")]
    [InlineData("window longer than history", "monitoring.drift.keepBuckets")]
    [InlineData("ksP threshold above 1", "monitoring.drift.features.price.threshold")]
    [InlineData("jsDistance threshold above 1", "monitoring.drift.features.day.threshold")]
    [InlineData("threshold without metric", "alerts.metricThreshold")]
    [InlineData("accuracy above 1", "alerts.metricThreshold")]
    public void A_bad_setting_is_an_error_naming_its_field(string name, string field) => Assert.Equal([field], Fields(Case(name)));

    [Fact]
    public void The_messages_say_what_to_do()
    {
        Assert.Equal(
            "'drop' is not a policy: use \"count\" or \"reject\"",
            ModelDefinitionValidator.Validate(Case("policy")).Single().Message);
        Assert.Equal("'mae' is not this model's metric: use \"accuracy\"", ModelDefinitionValidator.Validate(Case("mae on classification")).Single().Message);
        Assert.Equal("ksD has no default threshold; give one", ModelDefinitionValidator.Validate(Case("ksD without threshold")).Single().Message);
        Assert.Equal("wassersteinNormed needs numeric values; 'day' is categorical", ModelDefinitionValidator.Validate(Case("numeric statistic on categorical")).Single().Message);
    }
}
