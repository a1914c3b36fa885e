namespace OrleansCt.Core.Schema;

/// <summary>A definition compiled for fast use: numeric and categorical features in column order.</summary>
public sealed class ModelSchema
{
    private readonly Dictionary<string, (FeatureType Type, int Column)> _byName;

    public ModelSchema(ModelDefinition definition)
    {
        Definition = definition;
        Numeric = definition.Features.Where(f => f.Type == FeatureType.Numeric).ToArray();
        Categorical = definition.Features.Where(f => f.Type == FeatureType.Categorical).ToArray();
        _byName = new Dictionary<string, (FeatureType, int)>(StringComparer.Ordinal);
        for (var i = 0; i < Numeric.Count; i++)
        {
            _byName[Numeric[i].Name] = (FeatureType.Numeric, i);
        }

        for (var i = 0; i < Categorical.Count; i++)
        {
            _byName[Categorical[i].Name] = (FeatureType.Categorical, i);
        }

        foreach (var (spec, type, column) in Numeric.Select((f, i) => (f, FeatureType.Numeric, i)).Concat(Categorical.Select((f, i) => (f, FeatureType.Categorical, i))))
        {
            foreach (var alias in spec.Aliases ?? [])
            {
                _byName.TryAdd(alias, (type, column));
            }
        }

        RejectsViolations = definition.Validation.OnViolation == "reject";
        CountsSchemaChanges = definition.Validation.OnSchemaChange == "count";
        CategorySets = Categorical.Select(f => f.Categories is null ? null : new HashSet<string>(f.Categories, StringComparer.Ordinal)).ToArray();
        NumericUtf8 = Numeric.Select(f => System.Text.Encoding.UTF8.GetBytes(f.Name)).ToArray();
        CategoricalUtf8 = Categorical.Select(f => System.Text.Encoding.UTF8.GetBytes(f.Name)).ToArray();
        NumericAliasesUtf8 = Numeric.Select(f => (f.Aliases ?? []).Select(System.Text.Encoding.UTF8.GetBytes).ToArray()).ToArray();
        CategoricalAliasesUtf8 = Categorical.Select(f => (f.Aliases ?? []).Select(System.Text.Encoding.UTF8.GetBytes).ToArray()).ToArray();
        ClassIndex = definition.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        PositiveClassIndex = definition.Task == ModelTask.Regression
            ? -1
            : definition.PositiveClass is { } positive ? ClassIndex[positive] : definition.Classes.Count - 1;
    }

    public ModelDefinition Definition { get; }

    public ModelTask Task => Definition.Task;

    public IReadOnlyList<FeatureSpec> Numeric { get; }

    public IReadOnlyList<FeatureSpec> Categorical { get; }

    /// <summary>True when a value out of range or an unseen category rejects its batch instead of being counted.</summary>
    public bool RejectsViolations { get; }

    /// <summary>Per categorical feature, its listed categories (null when its domain is open).</summary>
    public IReadOnlyList<HashSet<string>?> CategorySets { get; }

    /// <summary>The numeric features' names in UTF-8, to look them up in JSON without allocating.</summary>
    public IReadOnlyList<byte[]> NumericUtf8 { get; }

    /// <summary>The categorical features' names in UTF-8.</summary>
    public IReadOnlyList<byte[]> CategoricalUtf8 { get; }

    /// <summary>Per numeric feature, its aliases (names it arrives under after a rename upstream) in UTF-8.</summary>
    public IReadOnlyList<byte[][]> NumericAliasesUtf8 { get; }

    public IReadOnlyList<byte[][]> CategoricalAliasesUtf8 { get; }

    /// <summary>True when unknown features and absent required ones are counted instead of rejecting the batch.</summary>
    public bool CountsSchemaChanges { get; }

    public IReadOnlyDictionary<string, int> ClassIndex { get; }

    public int PositiveClassIndex { get; }

    public bool IsClassification => Task != ModelTask.Regression;

    /// <summary>Numbers per prediction: one probability per class, or one value.</summary>
    public int PredictionWidth => IsClassification ? Definition.Classes.Count : 1;

    public bool TryFind(string name, out FeatureType type, out int column)
    {
        if (_byName.TryGetValue(name, out var found))
        {
            (type, column) = found;
            return true;
        }

        (type, column) = (default, -1);
        return false;
    }
}
