using System.Globalization;

namespace OrleansCt.Hosting.Api;

/// <summary>Reads a drift window length: a number of seconds, or a number with s, m, h or d ("24h", "90m", "1d").</summary>
internal static class WindowParameter
{
    public static bool TryRead(string? text, out double? seconds, out string? problem)
    {
        (seconds, problem) = (null, null);
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var unit = char.IsLetter(text[^1]) ? text[^1] : 's';
        var number = char.IsLetter(text[^1]) ? text[..^1] : text;
        var scale = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86_400, _ => 0 };
        if (scale == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || !double.IsFinite(value))
        {
            problem = $"'{text}' is not a window length; give a positive number of seconds, or one with s, m, h or d (24h, 90m, 1d)";
            return false;
        }

        if (value * scale > OrleansCt.Core.Validation.BatchLimits.MaxWindowSeconds)
        {
            problem = $"'{text}' is too long: a window spans at most 36525d (100 years)";
            return false;
        }

        seconds = value * scale;
        return true;
    }
}
