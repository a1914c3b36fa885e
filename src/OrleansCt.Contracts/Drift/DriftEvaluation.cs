namespace OrleansCt.Contracts;

/// <summary>
/// The drift of one window (the buckets ending at <see cref="WindowEnd"/>) against the reference: each feature, the
/// prediction and the label, training/serving skew per feature (rows served against those the champion learned from before), and whether
/// the data counts as drifted (at least half the features). <see cref="LastSequence"/> is the log sequence that
/// completed the window. Start and end are null when buckets count events. <see cref="OutOfRange"/> names a part that was computed
/// but is beyond the range of a double, and so absent (<c>multivariate</c>: the reconstruction error).
/// </summary>
public sealed record DriftEvaluation(
    int ReferenceRevision,
    double? WindowStart,
    double? WindowEnd,
    long FirstSequence,
    long LastSequence,
    long Events,
    int Buckets,
    ColumnDrift[] Features,
    ColumnDrift? Prediction,
    ColumnDrift? Label,
    ColumnDrift[] Skew,
    double DriftedShare,
    bool DatasetDrifted,
    MultivariateDrift? Multivariate = null,
    IReadOnlyList<string>? OutOfRange = null);
