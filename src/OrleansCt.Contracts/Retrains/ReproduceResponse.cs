namespace OrleansCt.Contracts;

/// <summary>
/// POST /v1/models/{model}/versions/{version}/reproduce: the version trained again from the log with its recorded settings —
/// whether the rows' digest and the artifact came out the same, and how the two predict on a sample of the rows.
/// </summary>
public sealed record ReproduceResponse(
    string Model,
    string Version,
    string RecordedDigest,
    string ReproducedDigest,
    bool SameRows,
    string RecordedSha256,
    string ReproducedSha256,
    bool SameArtifact,
    int SampleRows,
    int IdenticalPredictions,
    double MaxDifference,
    bool Identical);
