namespace OrleansCt.Contracts;

/// <summary>What schema inference found in a reference: one feature per column kept, in column order.</summary>
public sealed record InferredSchema
{
    /// <summary>Rows of the reference.</summary>
    public required int Rows { get; init; }

    /// <summary>The options the schema was inferred with.</summary>
    public required SchemaInferenceOptions Options { get; init; }

    public required IReadOnlyList<InferredFeature> Features { get; init; }

    /// <summary>The inferred feature of that name, or null.</summary>
    public InferredFeature? Find(string name) => Features.FirstOrDefault(f => f.Spec.Name == name);

    /// <summary>The inferred features as they would stand in a model definition, in column order.</summary>
    public IReadOnlyList<FeatureSpec> ToFeatures() => Features.Select(f => f.Spec).ToArray();
}
