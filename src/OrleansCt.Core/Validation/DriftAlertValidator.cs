using OrleansCt.Core.Drift.Statistics;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>Checks a model's drift, alert, alias and schema-change settings; fields are named as in the definition's JSON.</summary>
internal static class DriftAlertValidator
{
    public static void Check(ModelDefinition definition, List<FieldError> errors)
    {
        if (definition.Validation.OnSchemaChange is not ("count" or "reject"))
        {
            errors.Add(new FieldError("validation.onSchemaChange", $"'{definition.Validation.OnSchemaChange}' is not a policy: use \"count\" or \"reject\""));
        }

        CheckAliases(definition.Features, errors);
        CheckDrift(definition.Monitoring.Drift, definition.Features, errors);
        CheckHistory(definition.Monitoring, errors);
        CheckAlerts(definition.Alerts, definition.Task, errors);
    }

    private static void CheckAliases(IReadOnlyList<FeatureSpec> features, List<FieldError> errors)
    {
        var names = new HashSet<string>(features.Select(f => f.Name), StringComparer.Ordinal);
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++)
        {
            var list = features[i].Aliases ?? [];
            for (var a = 0; a < list.Count; a++)
            {
                var field = $"features[{i}].aliases[{a}]";
                if (string.IsNullOrWhiteSpace(list[a]))
                {
                    errors.Add(new FieldError(field, "must not be empty"));
                }
                else if (names.Contains(list[a]) || !aliases.Add(list[a]))
                {
                    errors.Add(new FieldError(field, $"'{list[a]}' is already a feature's name or alias; each name reads one feature"));
                }
            }
        }
    }

    private static void CheckDrift(DriftSpec d, IReadOnlyList<FeatureSpec> features, List<FieldError> errors)
    {
        if (!(double.IsFinite(d.WindowSeconds) && d.WindowSeconds > 0))
        {
            errors.Add(new FieldError("monitoring.drift.windowSeconds", "must be a positive number of seconds"));
        }

        if (d.WindowBuckets is < 1 or > 100_000)
        {
            errors.Add(new FieldError("monitoring.drift.windowBuckets", $"is {d.WindowBuckets}; give 1 to 100000"));
        }

        if (d.KeepBuckets is < 1 or > 100_000)
        {
            errors.Add(new FieldError("monitoring.drift.keepBuckets", $"is {d.KeepBuckets}; give 1 to 100000"));
        }

        foreach (var (name, setting) in d.Features ?? new Dictionary<string, FeatureDriftSpec>())
        {
            var field = $"monitoring.drift.features.{name}";
            var feature = features.FirstOrDefault(f => f.Name == name);
            if (feature is null)
            {
                errors.Add(new FieldError(field, $"'{name}' is not a feature of this model"));
                continue;
            }

            var statistic = setting.Statistic;
            if (statistic is not null && !StatisticDefaults.Thresholds.ContainsKey(statistic))
            {
                errors.Add(new FieldError($"{field}.statistic", $"'{statistic}' is not a statistic: use one of {string.Join(", ", StatisticDefaults.Thresholds.Keys)}"));
            }
            else if (statistic is not null && feature.Type == FeatureType.Categorical && StatisticDefaults.NumericOnly(statistic))
            {
                errors.Add(new FieldError($"{field}.statistic", $"{statistic} needs numeric values; '{name}' is categorical"));
            }
            else if (statistic is not null && setting.Threshold is null && StatisticDefaults.Thresholds[statistic] is null)
            {
                errors.Add(new FieldError($"{field}.threshold", $"{statistic} has no default threshold; give one"));
            }

            if (setting.Threshold is { } t && !(double.IsFinite(t) && t >= 0))
            {
                errors.Add(new FieldError($"{field}.threshold", "must be a finite number of at least 0"));
            }
            else if (setting.Threshold is { } bounded && bounded > 1 && (statistic ?? "") is StatisticNames.KsP or StatisticNames.Chi2P or StatisticNames.JsDistance or StatisticNames.Hellinger or StatisticNames.LInfinity or StatisticNames.KsD)
            {
                errors.Add(new FieldError($"{field}.threshold", $"{statistic} lies in [0, 1]: a threshold of {bounded} would {(StatisticDefaults.AlertsBelow(statistic!) ? "always" : "never")} alert"));
            }
        }
    }

    /// <summary>A window longer than the history the feature windows keep could never be scored.</summary>
    private static void CheckHistory(MonitoringSpec m, List<FieldError> errors)
    {
        var d = m.Drift;
        var needed = m.BucketSeconds is { } seconds && seconds > 0 && double.IsFinite(d.WindowSeconds) ? Math.Floor(d.WindowSeconds / seconds) : d.WindowBuckets;
        if (d.KeepBuckets >= 1 && needed > d.KeepBuckets)
        {
            errors.Add(new FieldError("monitoring.drift.keepBuckets", $"keeps {d.KeepBuckets} buckets but a drift window needs {needed}; keep at least as many as a window holds"));
        }
    }

    private static void CheckAlerts(AlertSpec a, ModelTask task, List<FieldError> errors)
    {
        if (a.Webhook is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add(new FieldError("alerts.webhook", $"'{url}' is not an absolute http or https URL"));
        }

        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors.Add(new FieldError($"alerts.{field}", message));
            }
        }

        Check(double.IsFinite(a.CooldownSeconds) && a.CooldownSeconds >= 0, "cooldownSeconds", "must be zero or a positive number of seconds");
        Check(a.Hysteresis is >= 0 and < 1, "hysteresis", "must be at least 0 and below 1 (a share of the threshold)");
        Check(a.ResolveAfter is >= 1 and <= 10_000, "resolveAfter", "must be 1 to 10000 evaluations");
        Check(double.IsFinite(a.CriticalFactor) && a.CriticalFactor >= 1, "criticalFactor", "must be at least 1");
        Check(a.MissingRateTolerance is >= 0 and <= 1, "missingRateTolerance", "must be a share from 0 to 1");
        Check(a.ViolationShare is > 0 and <= 1, "violationShare", "must be a share above 0, at most 1");
        Check(a.MinLabels is >= 1 and <= 100_000_000, "minLabels", "must be at least 1");
        if (a.Metric is { } metric)
        {
            var expected = task == ModelTask.Regression ? "mae" : "accuracy";
            Check(metric == expected, "metric", $"'{metric}' is not this model's metric: use \"{expected}\"");
            Check(a.MetricThreshold is { } t && double.IsFinite(t) && t >= 0 && (task == ModelTask.Regression || t <= 1), "metricThreshold",
                "is required with a metric: a finite number of at least 0 (at most 1 for accuracy)");
        }
        else
        {
            Check(a.MetricThreshold is null, "metricThreshold", "has no metric to apply to: set alerts.metric too");
        }
    }
}
