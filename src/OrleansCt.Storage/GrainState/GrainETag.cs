using System.Globalization;
using Orleans.Storage;

namespace OrleansCt.Storage.GrainState;

/// <summary>The integer ETag of a grain_state row ("1", "2", …) and the conflicts it reports.</summary>
internal static class GrainETag
{
    /// <summary>Null when the caller believes no row exists; otherwise the row version it last saw.</summary>
    public static long? Parse(string? etag, GrainStateKey key)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return null;
        }

        // An ETag this storage never issued cannot match any row, so it is a conflict rather than an argument error.
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw new InconsistentStateException($"Grain state {key}: ETag '{etag}' was not issued by the orleansct storage (it uses 1, 2, 3, …).", "unknown", etag);
        }

        return version;
    }

    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static InconsistentStateException Conflict(GrainStateKey key, string operation, long? stored, long? expected)
    {
        var storedText = stored is { } s ? Format(s) : "none";
        var expectedText = expected is { } e ? Format(e) : "none";
        return new InconsistentStateException(
            $"Grain state {key}: {operation} expected ETag {expectedText} but the stored row has {storedText}; another activation wrote it. Re-read the state before writing.",
            storedText,
            expectedText);
    }
}
