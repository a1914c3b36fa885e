using System.Globalization;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.SchemaInference;

/// <summary>Compares a declared schema with one inferred from a reference.</summary>
public static class SchemaComparison
{
    /// <summary>
    /// The differences per declared feature, in declared order (missing; else type, required, then range or domain when the types agree),
    /// then the reference's undeclared columns in column order. Declared optional and never missing is no difference; neither is an open
    /// declared domain or an unbounded side. When the reference's domain is open, a domain difference is reported only when it is certain:
    /// the reference has more distinct values than the declared list holds.
    /// </summary>
    public static IReadOnlyList<SchemaDifference> Compare(IReadOnlyList<FeatureSpec> declared, InferredSchema inferred)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(inferred);
        var differences = new List<SchemaDifference>();
        foreach (var spec in declared)
        {
            if (inferred.Find(spec.Name) is { } found)
            {
                CompareFeature(spec, found, differences);
            }
            else
            {
                differences.Add(new(spec.Name, SchemaDifferenceKind.Missing, $"'{spec.Name}' is declared, but the reference has no column of that name."));
            }
        }

        var names = declared.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var feature in inferred.Features.Where(f => !names.Contains(f.Spec.Name)))
        {
            differences.Add(new(feature.Spec.Name, SchemaDifferenceKind.New, $"the reference has a column '{feature.Spec.Name}' ({Describe(feature)}) that is not declared."));
        }

        return differences;
    }

    private static void CompareFeature(FeatureSpec spec, InferredFeature found, List<SchemaDifference> differences)
    {
        var name = spec.Name;
        if (spec.Type != found.Spec.Type)
        {
            var why = found.FirstNonNumber is { } text ? $": its value '{text}' is not a number" : string.Empty;
            differences.Add(new(name, SchemaDifferenceKind.Type, $"'{name}' is declared {TypeName(spec.Type)}, but the reference's column is {TypeName(found.Spec.Type)}{why}."));
        }

        if (spec.Required && found.Missing > 0)
        {
            differences.Add(new(name, SchemaDifferenceKind.Required, $"'{name}' is declared required, but {found.Missing} of the reference's {found.Rows} rows have no value."));
        }

        if (spec.Type != found.Spec.Type)
        {
            return;
        }

        if (spec.Type == FeatureType.Numeric)
        {
            var parts = new List<string>();
            if (spec.Min is { } declaredMin && found.Min < declaredMin)
            {
                parts.Add($"the reference's min {Number(found.Min.Value)} is below the declared min {Number(declaredMin)}");
            }

            if (spec.Max is { } declaredMax && found.Max > declaredMax)
            {
                parts.Add($"the reference's max {Number(found.Max.Value)} is above the declared max {Number(declaredMax)}");
            }

            if (parts.Count > 0)
            {
                differences.Add(new(name, SchemaDifferenceKind.Range, $"'{name}': {string.Join(", and ", parts)}."));
            }
        }
        else if (spec.Categories is { } listed && DomainMessage(name, listed, found) is { } message)
        {
            differences.Add(new(name, SchemaDifferenceKind.Domain, message));
        }
    }

    private static string? DomainMessage(string name, IReadOnlyList<string> listed, InferredFeature found)
    {
        var cap = found.Distinct - 1;
        if (found.Spec.Categories is { } seen)
        {
            var extra = seen.Where(c => !listed.Contains(c, StringComparer.Ordinal)).ToArray();
            return extra.Length == 0
                ? null
                : $"'{name}': the reference has {extra.Length} {(extra.Length == 1 ? "category" : "categories")} not in the declared list: {string.Join(", ", extra.Select(c => $"'{c}'"))}.";
        }

        var distinctListed = listed.Distinct(StringComparer.Ordinal).Count();
        return found.Distinct <= distinctListed
            ? null
            : $"'{name}': the reference has more than {cap} distinct values, so at least {found.Distinct - distinctListed} of them are not among the {distinctListed} declared.";
    }

    private static string Describe(InferredFeature feature) => feature.Spec switch
    {
        { Type: FeatureType.Numeric, Min: { } min, Max: { } max } => $"numeric, from {Number(min)} to {Number(max)}",
        { Type: FeatureType.Numeric } => "numeric, every value missing",
        { Categories: { } categories } => $"categorical, {categories.Count} {(categories.Count == 1 ? "value" : "values")}",
        _ => $"categorical, more than {feature.Distinct - 1} values",
    };

    private static string TypeName(FeatureType type) => type == FeatureType.Numeric ? "numeric" : "categorical";

    private static string Number(double x) => x.ToString(CultureInfo.InvariantCulture);
}
