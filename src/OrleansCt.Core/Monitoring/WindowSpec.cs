using System.Globalization;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// A stats window: "all" (the whole stream), a span of event time back from the newest event ("90s", "30m",
/// "24h", "7d"), or the newest buckets that hold at least n events ("10000e").
/// </summary>
public sealed record WindowSpec(string Text, double? Seconds, long? Events)
{
    public static readonly WindowSpec All = new("all", null, null);

    public static bool TryParse(string? text, out WindowSpec window, out FieldError? error)
    {
        (window, error) = (All, null);
        if (string.IsNullOrEmpty(text) || text == "all")
        {
            return true;
        }

        var unit = text[^1];
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0 && double.IsFinite(amount))
        {
            var seconds = unit switch { 's' => 1.0, 'm' => 60.0, 'h' => 3600.0, 'd' => 86400.0, _ => double.NaN };
            if (!double.IsNaN(seconds) && amount * seconds <= BatchLimits.MaxWindowSeconds)
            {
                window = new WindowSpec(text, amount * seconds, null);
                return true;
            }

            if (!double.IsNaN(seconds) || (unit == 'e' && amount > BatchLimits.MaxWindowEvents))
            {
                error = new FieldError("window", $"'{text}' is too long: a window spans at most 36525d (100 years) or {BatchLimits.MaxWindowEvents}e");
                return false;
            }

            if (unit == 'e')
            {
                window = new WindowSpec(text, null, (long)Math.Ceiling(amount));
                return true;
            }
        }

        error = new FieldError("window", $"'{text}' is not a window: use all, a span such as 30m, 24h or 7d, or a number of events such as 10000e");
        return false;
    }
}
