using System.Globalization;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.SchemaInference;

/// <summary>
/// A reference data set as columns of raw text values, in column order; null or "" is a missing value.
/// Built from a CSV (<see cref="ReadCsv(TextReader)"/>), from text columns, or from typed columns (events from the log).
/// </summary>
public sealed partial class ReferenceColumns
{
    /// <summary>Text columns whose types are left to inference.</summary>
    public ReferenceColumns(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<string?>> values)
        : this(names, values, names.Select(_ => (FeatureType?)null).ToArray())
    {
    }

    /// <summary>
    /// Typed columns, as a batch of events holds them: numeric columns first (NaN is missing), then categorical ones (null is missing).
    /// Their types are known, so a categorical column of digits stays categorical.
    /// </summary>
    public ReferenceColumns(IReadOnlyList<string> numericNames, IReadOnlyList<double[]> numeric, IReadOnlyList<string> categoricalNames, IReadOnlyList<string?[]> categorical)
        : this(Typed(numericNames, numeric, categoricalNames, categorical))
    {
    }

    private ReferenceColumns((IReadOnlyList<string> Names, IReadOnlyList<IReadOnlyList<string?>> Values, IReadOnlyList<FeatureType?> Types) columns)
        : this(columns.Names, columns.Values, columns.Types)
    {
    }

    private ReferenceColumns(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<string?>> values, IReadOnlyList<FeatureType?> types)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        if (names.Count != values.Count)
        {
            throw new ArgumentException($"{names.Count} names for {values.Count} columns; give one name per column.", nameof(names));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < names.Count; j++)
        {
            if (!seen.Add(names[j]))
            {
                throw new ArgumentException($"the column name '{names[j]}' appears twice; column names must be unique.", nameof(names));
            }

            if (values[j].Count != values[0].Count)
            {
                throw new ArgumentException($"column '{names[j]}' has {values[j].Count} values but '{names[0]}' has {values[0].Count}; every column needs one value per row.", nameof(values));
            }
        }

        Names = names;
        Values = values;
        Types = types;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Per column, its values in row order; null or "" is missing.</summary>
    public IReadOnlyList<IReadOnlyList<string?>> Values { get; }

    /// <summary>Per column, the type it is known to have (typed columns), or null when inference decides (text columns, CSV).</summary>
    public IReadOnlyList<FeatureType?> Types { get; }

    public int Rows => Values.Count == 0 ? 0 : Values[0].Count;

    private static (IReadOnlyList<string>, IReadOnlyList<IReadOnlyList<string?>>, IReadOnlyList<FeatureType?>) Typed(
        IReadOnlyList<string> numericNames, IReadOnlyList<double[]> numeric, IReadOnlyList<string> categoricalNames, IReadOnlyList<string?[]> categorical)
    {
        if (numericNames.Count != numeric.Count || categoricalNames.Count != categorical.Count)
        {
            throw new ArgumentException(
                $"{numericNames.Count} numeric names for {numeric.Count} numeric columns and {categoricalNames.Count} categorical names for {categorical.Count} categorical columns; give one name per column.");
        }

        return (
            [.. numericNames, .. categoricalNames],
            [.. numeric.Select((column, j) => ToText(numericNames[j], column)), .. categorical],
            [.. numericNames.Select(_ => (FeatureType?)FeatureType.Numeric), .. categoricalNames.Select(_ => (FeatureType?)FeatureType.Categorical)]);
    }

    private static string?[] ToText(string name, double[] column)
    {
        var text = new string?[column.Length];
        for (var i = 0; i < column.Length; i++)
        {
            if (double.IsInfinity(column[i]))
            {
                throw new ArgumentException($"numeric column '{name}' holds {column[i]} at row {i}; a reference holds finite numbers, with NaN for a missing value.", "numeric");
            }

            // Shortest text that parses back to the same double; NaN becomes missing.
            text[i] = double.IsNaN(column[i]) ? null : column[i].ToString("R", CultureInfo.InvariantCulture);
        }

        return text;
    }
}
