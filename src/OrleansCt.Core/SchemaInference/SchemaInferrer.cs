using System.Globalization;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.SchemaInference;

/// <summary>
/// Infers a schema from a reference, as TensorFlow Data Validation's infer_schema: per column its type, whether it is required,
/// its observed range (numeric) or its domain (categorical, up to a cap of distinct values), and the statistics behind them.
/// </summary>
public static class SchemaInferrer
{
    /// <summary>
    /// A column is numeric when every non-missing value parses as a finite number (invariant culture, <see cref="NumberStyles.Float"/>), unless it
    /// is forced or known categorical; a column with no value at all is numeric without a range. Missing: null, "" or NaN in any case.
    /// </summary>
    public static InferredSchema Infer(ReferenceColumns columns, SchemaInferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CategoryCap, 1, nameof(options.CategoryCap));
        if (!(options.MaxMissingShareForRequired is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxMissingShareForRequired, "MaxMissingShareForRequired must lie in [0, 1].");
        }

        if (options.ForceCategorical.FirstOrDefault(n => !columns.Names.Contains(n, StringComparer.Ordinal)) is { } unknown)
        {
            throw new ArgumentException($"ForceCategorical names '{unknown}', which is not a column of the reference ({string.Join(", ", columns.Names)}).", nameof(options));
        }

        if (columns.Rows == 0)
        {
            throw new ArgumentException("the reference has no rows; a schema is inferred from at least one.", nameof(columns));
        }

        var exclude = new HashSet<string>(options.Exclude, StringComparer.Ordinal);
        var force = new HashSet<string>(options.ForceCategorical, StringComparer.Ordinal);
        var features = new List<InferredFeature>();
        for (var j = 0; j < columns.Names.Count; j++)
        {
            var name = columns.Names[j];
            if (!exclude.Contains(name))
            {
                var categorical = force.Contains(name) || columns.Types[j] == FeatureType.Categorical;
                features.Add(InferColumn(name, columns.Values[j], categorical, options));
            }
        }

        return new InferredSchema { Rows = columns.Rows, Options = options, Features = features };
    }

    /// <summary>True for a missing value: null, "", or NaN in any case.</summary>
    public static bool IsMissing(string? value) => string.IsNullOrEmpty(value) || value.Equals("NaN", StringComparison.OrdinalIgnoreCase);

    private static InferredFeature InferColumn(string name, IReadOnlyList<string?> values, bool forcedCategorical, SchemaInferenceOptions options)
    {
        var cap = options.CategoryCap;
        var missing = 0;
        string? firstNonNumber = null;
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        var numbers = new HashSet<double>();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (IsMissing(value))
            {
                missing++;
                continue;
            }

            if (texts.Count <= cap)
            {
                texts.Add(value!);
            }

            if (firstNonNumber is not null)
            {
                continue;
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x))
            {
                (min, max) = (Math.Min(min, x), Math.Max(max, x));
                if (numbers.Count <= cap)
                {
                    numbers.Add(x);
                }
            }
            else
            {
                firstNonNumber = value;
            }
        }

        var numeric = !forcedCategorical && firstNonNumber is null;
        var present = values.Count - missing;
        var share = (double)missing / values.Count;
        var distinct = Math.Min(numeric ? numbers.Count : texts.Count, cap + 1);
        var (low, high) = numeric && present > 0 ? ((double?)min, (double?)max) : (null, null);
        var spec = new FeatureSpec
        {
            Name = name,
            Type = numeric ? FeatureType.Numeric : FeatureType.Categorical,
            Required = share <= options.MaxMissingShareForRequired,
            Min = low,
            Max = high,
            Categories = numeric || distinct > cap ? null : texts.Order(StringComparer.Ordinal).ToArray(),
        };
        return new InferredFeature
        {
            Spec = spec,
            Rows = values.Count,
            Missing = missing,
            MissingShare = share,
            Distinct = distinct,
            Min = low,
            Max = high,
            FirstNonNumber = firstNonNumber,
        };
    }
}
