using System.Globalization;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>Refuses a batch whose features are missing far more often than in the reference (validation.onViolation = "reject").</summary>
public static class MissingRateCheck
{
    /// <summary>A batch's missing share is judged against the reference only from this many events (fewer are too noisy).</summary>
    public const int MinEvents = 20;

    /// <summary>
    /// With validation.onViolation = "reject" and a reference set: a feature missing in a share of the batch that
    /// exceeds the reference's by more than alerts.missingRateTolerance refuses the batch, naming the feature.
    /// <paramref name="referenceMissingShares"/> holds the reference's share per feature, numeric then categorical; null without a reference.
    /// </summary>
    public static List<FieldError> Problems(ModelSchema schema, double[]? referenceMissingShares, EventBatch batch)
    {
        var problems = new List<FieldError>();
        if (!schema.RejectsViolations || referenceMissingShares is not { } reference || batch.Count < MinEvents)
        {
            return problems;
        }

        var tolerance = schema.Definition.Alerts.MissingRateTolerance;
        var names = schema.Numeric.Concat(schema.Categorical).Select(f => f.Name).ToArray();
        for (var f = 0; f < names.Length && f < reference.Length; f++)
        {
            var missing = f < batch.Numeric.Length ? batch.Numeric[f].Count(double.IsNaN) : batch.Categorical[f - batch.Numeric.Length].Count(v => v is null);
            var share = (double)missing / batch.Count;
            if (share - reference[f] > tolerance)
            {
                problems.Add(new FieldError($"events[*].features.{names[f]}", string.Create(CultureInfo.InvariantCulture,
                    $"is missing in {share:P1} of the batch's events against {reference[f]:P1} in the reference (more than {tolerance:P0} above it)")));
            }
        }

        return problems;
    }
}
