using OrleansCt.Core.SchemaInference;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>The answer to POST reference: the revision set, where it came from, its inferred schema and how it differs from the model's.</summary>
/// <param name="Sequence">The log sequence of the reference entry.</param>
/// <param name="Accepted">Whether the inferred ranges and optionality became the model's schema.</param>
public sealed record ReferenceView(
    string Model,
    int Revision,
    string Source,
    long Rows,
    long Sequence,
    bool Accepted,
    InferredSchema InferredSchema,
    IReadOnlyList<SchemaDifference> Differences,
    IReadOnlyList<ReferenceColumnView> Features);

/// <summary>One reference column: rows, missing share, distinct values (capped at 6: more than 5 is continuous) and bins.</summary>
/// <param name="ChunkThreshold">The threshold from reference chunks (used when monitoring.drift.referenceChunkThresholds is on).</param>
public sealed record ReferenceColumnView(string Name, bool Categorical, long Rows, double MissingShare, long Distinct, int Bins, double? ChunkThreshold);
