using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Benchmarks;

/// <summary>
/// The per-value checks a parsed batch must pass, done column by column: numeric values finite (NaN only when the
/// feature is optional), inside Min/Max when set; categorical values present when required; labels a class index or NaN.
/// EventBatchReader does these checks fused with parsing (no separate pass exists in Core), so this is the cost of
/// the same checks on columns already in memory, e.g. a batch that arrived in a binary form.
/// </summary>
public static class ColumnarChecks
{
    /// <summary>The number of values that fail.</summary>
    public static int Count(ModelSchema schema, EventBatch batch)
    {
        var errors = 0;
        for (var f = 0; f < batch.Numeric.Length; f++)
        {
            var spec = schema.Numeric[f];
            var required = spec.Required;
            var min = spec.Min ?? double.NegativeInfinity;
            var max = spec.Max ?? double.PositiveInfinity;
            foreach (var x in batch.Numeric[f])
            {
                // One branch on the hot path: NaN and the infinities fail both comparisons or the finiteness test.
                if (!(x >= min && x <= max) || !double.IsFinite(x))
                {
                    errors += double.IsNaN(x) && !required ? 0 : 1;
                }
            }
        }

        for (var f = 0; f < batch.Categorical.Length; f++)
        {
            if (!schema.Categorical[f].Required)
            {
                continue;
            }

            foreach (var value in batch.Categorical[f])
            {
                errors += value is null ? 1 : 0;
            }
        }

        if (batch.Labels is { } labels && schema.IsClassification)
        {
            var classes = schema.Definition.Classes.Count;
            foreach (var label in labels)
            {
                if (!double.IsNaN(label) && !(label >= 0 && label < classes && label == Math.Floor(label)))
                {
                    errors++;
                }
            }
        }

        return errors;
    }
}
