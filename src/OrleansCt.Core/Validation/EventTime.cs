using System.Globalization;
using System.Text.Json;

namespace OrleansCt.Core.Validation;

/// <summary>Reads an event time: a number of seconds (any epoch) or an ISO 8601 timestamp (seconds since 1970).</summary>
public static class EventTime
{
    public static bool TryRead(JsonElement value, out double seconds, out string? problem)
    {
        problem = null;
        seconds = double.NaN;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out seconds) && InRange(seconds):
                return true;
            case JsonValueKind.Number:
                problem = "must be a number of seconds from -253402300800 to 253402300800 (years 1 to 9999)";
                return false;
            case JsonValueKind.String when DateTimeOffset.TryParse(
                value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp):
                seconds = stamp.ToUnixTimeMilliseconds() / 1000.0;
                return true;
            case JsonValueKind.String:
                problem = "is not an ISO 8601 timestamp";
                return false;
            default:
                problem = "must be a number of seconds or an ISO 8601 timestamp";
                return false;
        }
    }

    /// <summary>True for a finite time within <see cref="BatchLimits.MaxTimeSeconds"/> of the epoch, so bucket arithmetic on it cannot overflow.</summary>
    public static bool InRange(double seconds) => Math.Abs(seconds) <= BatchLimits.MaxTimeSeconds;
}
