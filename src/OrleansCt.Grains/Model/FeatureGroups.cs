using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Model;

/// <summary>How a model's features are split over its feature window grains.</summary>
public static class FeatureGroups
{
    /// <summary>Features per feature window grain (DESIGN.md: wide models in groups of about 32).</summary>
    public const int Size = 32;

    /// <summary>The keys of a model's feature window grains: "model/0", "model/1", … one per group of 32 features, with the features each holds.</summary>
    public static IReadOnlyList<(string Key, int From, int Count)> Of(string model, ModelSchema schema)
    {
        var features = schema.Numeric.Count + schema.Categorical.Count;
        var groups = Math.Max(1, (features + Size - 1) / Size);
        return Enumerable.Range(0, groups).Select(g => ($"{model}/{g}", g * Size, Math.Min(Size, features - (g * Size)))).ToList();
    }
}
