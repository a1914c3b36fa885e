namespace OrleansCt.Storage.Log;

/// <summary>What every backend refuses before it trims a log.</summary>
internal static class TrimChecks
{
    public static void Validate(string model, long maxSequence, long? maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSequence);
        if (maxBytes is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(limit, nameof(maxBytes));
        }
    }

    /// <summary>The age cut from the first entry (at or below maxSequence) that arrived at or after the minimum: everything before it.</summary>
    public static long AgeCut(long? firstYoungSequence, long maxSequence) => firstYoungSequence is { } young ? young - 1 : maxSequence;
}
