namespace OrleansCt.Core.Api;

/// <summary>A feature's data-quality counts over the whole stream: missing values, values out of range, unseen categories.</summary>
public sealed record DataQualityView(long Missing, long OutOfRange, long Unseen);
