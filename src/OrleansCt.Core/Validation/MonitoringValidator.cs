using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>Checks a model's monitoring settings; fields are named "monitoring.*".</summary>
internal static class MonitoringValidator
{
    public static void Check(MonitoringSpec m, List<FieldError> errors)
    {
        if (m.BucketSeconds is { } seconds && !(seconds > 0 && seconds <= BatchLimits.MaxWindowSeconds))
        {
            errors.Add(new FieldError("monitoring.bucketSeconds", "must be a positive number of seconds up to 3155760000 (100 years), or null to slice by events"));
        }

        Range(m.BucketEvents, 1, 100_000_000, "monitoring.bucketEvents", errors);
        if (!(m.AllowedLatenessSeconds >= 0 && m.AllowedLatenessSeconds <= BatchLimits.MaxWindowSeconds))
        {
            errors.Add(new FieldError("monitoring.allowedLatenessSeconds", "must be zero or a positive number of seconds up to 3155760000 (100 years)"));
        }

        Range(m.Ring, 1, 1_000, "monitoring.ring", errors);
        Range(m.ReferenceEvents, 10, 10_000_000, "monitoring.referenceEvents", errors);
        Range(m.HistogramBins, 2, 1_000, "monitoring.histogramBins", errors);
        Range(m.QuantileK, 8, 10_000, "monitoring.quantileK", errors);
        Range(m.CategoryCap, 1, 10_000, "monitoring.categoryCap", errors);
        Range(m.AucBins, 2, 100_000, "monitoring.aucBins", errors);
        for (var i = 0; i < m.Detectors.Count; i++)
        {
            try
            {
                Drift.Detectors.DriftDetectors.Create(m.Detectors[i].Kind ?? string.Empty, m.Detectors[i].Parameters);
            }
            catch (ArgumentException e)
            {
                errors.Add(new FieldError($"monitoring.detectors[{i}]", e.Message));
            }
        }

        if (!(m.FadingFactor > 0 && m.FadingFactor <= 1))
        {
            errors.Add(new FieldError("monitoring.fadingFactor", "must be in (0, 1]"));
        }
    }

    private static void Range(long value, long min, long max, string field, List<FieldError> errors)
    {
        if (value < min || value > max)
        {
            errors.Add(new FieldError(field, $"must be between {min} and {max}, not {value}"));
        }
    }
}
