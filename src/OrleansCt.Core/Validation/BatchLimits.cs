namespace OrleansCt.Core.Validation;

/// <summary>Sizes a batch must respect.</summary>
public static class BatchLimits
{
    public const int MaxEvents = 10_000;
    public const int MaxIdLength = 256;

    /// <summary>Errors listed in one answer; the rest are counted.</summary>
    public const int MaxErrors = 100;
}
