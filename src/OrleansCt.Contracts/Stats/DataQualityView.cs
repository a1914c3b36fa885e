namespace OrleansCt.Contracts;

/// <summary>
/// A feature's data-quality counts over the whole stream: missing values, values out of range, unseen categories; its
/// missing share, and the reference's (null until a reference is set).
/// </summary>
public sealed record DataQualityView(long Missing, long OutOfRange, long Unseen, double? MissingShare = null, double? ReferenceMissingShare = null);
