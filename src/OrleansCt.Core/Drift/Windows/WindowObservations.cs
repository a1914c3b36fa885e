using OrleansCt.Core.Alerts;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// Turns a scored window into alert observations (the alert book decides what opens, stays and resolves): drift of each
/// feature, of the prediction and of the label, training/serving skew, data quality (missing share above the
/// reference's, values outside the schema), schema changes (new features; under <c>onSchemaChange: "count"</c> also
/// vanished ones) and, for the group that carries the outputs, performance and detector drifts.
/// </summary>
public static class WindowObservations
{
    /// <summary>The subject of a vanished feature's schema-change alert is "feature/vanished".</summary>
    public const string VanishedSuffix = "vanished";

    public static IReadOnlyList<AlertObservation> Of(DriftEvaluation e, IReadOnlyList<BucketSummary> window, BucketSummary? previous, ReferenceProfile profile, FeatureWindow settings)
    {
        var last = window[^1];
        var timed = settings.BucketSeconds is not null;
        var (start, end) = (e.WindowStart, e.WindowEnd);

        // Cooldowns count in event time; with buckets of events, in buckets.
        var at = timed && e.WindowEnd is { } windowEnd ? windowEnd : last.Index;
        var observations = new List<AlertObservation>();
        void Add(string kind, string subject, string statistic, double score, double threshold, bool below) => Observe(kind, subject, statistic, score, threshold, below, 0);
        void Observe(string kind, string subject, string statistic, double score, double threshold, bool below, double cooldown)
        {
            if (double.IsFinite(score))
            {
                observations.Add(new AlertObservation(kind, subject, statistic, score, threshold, below, start, end, e.LastSequence, at, cooldown));
            }
        }

        if (settings.Drift.Alerts)
        {
            // Consecutive windows share all but a bucket of their rows, so their verdicts come in runs: a resolved drift key opens
            // again only on a window that shares no row with the one that resolved it.
            var length = timed ? settings.Drift.WindowSeconds : settings.Drift.WindowBuckets;
            void Drift(string kind, string subject, string statistic, double score, double threshold, bool below) => Observe(kind, subject, statistic, score, threshold, below, length);
            foreach (var d in e.Features)
            {
                Drift("drift", d.Name, d.Statistic, d.Score, d.Threshold, d.AlertsBelow);
            }

            foreach (var (kind, d) in new[] { ("predictionDrift", e.Prediction), ("labelDrift", e.Label) })
            {
                if (d is not null)
                {
                    Drift(kind, d.Name, d.Statistic, d.Score, d.Threshold, d.AlertsBelow);
                }
            }

            foreach (var d in e.Skew)
            {
                Drift("skew", d.Name, d.Statistic, d.Score, d.Threshold, d.AlertsBelow);
            }

            if (e.Multivariate is { } joint)
            {
                Drift("multivariate", "pca", joint.Statistic, joint.Score, joint.Threshold, false);
            }
        }

        var events = window.Sum(b => b.Events);
        for (var f = 0; f < profile.Features.Length; f++)
        {
            var name = profile.Features[f].Name;
            var missing = window.Sum(b => b.Features[f].Histogram.Missing);
            var total = missing + window.Sum(b => b.Features[f].Histogram.Counts.Sum());
            if (total > 0)
            {
                Add("dataQuality", $"{name}/missingRate", "missingShareExcess", ((double)missing / total) - profile.Features[f].MissingShare, settings.Alerts.MissingRateTolerance, false);

                // A feature the reference has that no event of the window carries has vanished upstream (the schema
                // changed), not merely gone missing more often: it alerts at a missing share of exactly 1.
                if (settings.CountsSchemaChanges && profile.Features[f].MissingShare < 1)
                {
                    Add("schemaChange", $"{name}/{VanishedSuffix}", "missingShare", (double)missing / total, 1, false);
                }
            }

            if (events > 0)
            {
                Add("dataQuality", $"{name}/violations", "violationShare", (double)window.Sum(b => b.Violations[f]) / events, settings.Alerts.ViolationShare, false);
            }
        }

        if (events > 0)
        {
            foreach (var name in window.SelectMany(b => b.NewFeatures?.Keys ?? []).Distinct().Order(StringComparer.Ordinal))
            {
                Add("schemaChange", name, "newFeatureShare", (double)window.Sum(b => b.NewFeatures?.GetValueOrDefault(name) ?? 0) / events, settings.Alerts.ViolationShare, false);
            }
        }

        if (profile.Prediction is not null)
        {
            Performance(window, settings, Add);
            Detectors(last, previous, settings, Add);
        }

        return observations;
    }

    private static void Performance(IReadOnlyList<BucketSummary> window, FeatureWindow settings, Action<string, string, string, double, double, bool> add)
    {
        if (settings.Alerts is not { Metric: { } metric, MetricThreshold: { } threshold })
        {
            return;
        }

        var scored = window.Where(b => b.Performance is { Labelled: > 0 }).Select(b => b.Performance!).ToList();
        var labelled = scored.Sum(p => p.Labelled);
        if (labelled < settings.Alerts.MinLabels)
        {
            return;
        }

        var value = metric == "accuracy"
            ? scored.Sum(p => (p.Accuracy ?? 0) * p.Labelled) / labelled
            : scored.Sum(p => (p.Mae ?? 0) * p.Labelled) / labelled;
        add("performance", metric, metric, value, threshold, metric == "accuracy");
    }

    private static void Detectors(BucketSummary last, BucketSummary? previous, FeatureWindow settings, Action<string, string, string, double, double, bool> add)
    {
        // Drift counts are cumulative: without the bucket before there is no baseline to count this bucket's from.
        if (last.Performance is not { } now || previous?.Performance is not { } before)
        {
            return;
        }

        for (var d = 0; d < Math.Min(now.DetectorDrifts.Length, settings.Detectors.Length); d++)
        {
            var earlier = d < before.DetectorDrifts.Length ? before.DetectorDrifts[d] : 0;
            add("conceptDrift", $"{settings.Detectors[d]}#{d}", "drifts", now.DetectorDrifts[d] - earlier, 1, false);
        }
    }
}
