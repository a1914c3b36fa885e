namespace OrleansCt.Contracts;

/// <summary>The answer to POST reference: the revision set, where it came from, its inferred schema and how it differs from the model's.</summary>
/// <param name="Sequence">The log sequence of the reference entry.</param>
/// <param name="Accepted">Whether the inferred ranges and optionality became the model's schema.</param>
public sealed record ReferenceResponse(
    string Model,
    int Revision,
    string Source,
    long Rows,
    long Sequence,
    bool Accepted,
    InferredSchema InferredSchema,
    IReadOnlyList<SchemaDifference> Differences,
    IReadOnlyList<ReferenceColumnView> Features);
