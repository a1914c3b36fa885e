using System.Globalization;

namespace OrleansCt.Core.Validation;

/// <summary>Reads an event time written as text (a CSV cell, a query parameter): a number of seconds or an ISO 8601 timestamp, as <see cref="EventTime"/> reads JSON.</summary>
public static class EventTimeText
{
    public static bool TryRead(string? text, out double seconds)
    {
        seconds = double.NaN;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
        {
            return EventTime.InRange(seconds);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
        {
            seconds = stamp.ToUnixTimeMilliseconds() / 1000.0;
            return true;
        }

        return false;
    }
}
