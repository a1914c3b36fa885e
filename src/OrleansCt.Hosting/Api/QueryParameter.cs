using System.Globalization;
using OrleansCt.Core.Validation;

namespace OrleansCt.Hosting.Api;

/// <summary>Reads query parameters bound as text, adding an error that names the parameter when one cannot be read.</summary>
internal static class QueryParameter
{
    /// <summary>true or false (any case); absent is false.</summary>
    public static bool Flag(string? text, string name, List<FieldError> errors)
    {
        if (text is null)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(name, $"'{text}' is not true or false"));
        return false;
    }

    /// <summary>A whole number from 1 to <paramref name="max"/>; absent is null.</summary>
    public static int? PositiveCount(string? text, string name, string unit, int max, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, $"'{text}' is not a whole number of {unit} from 1 to {max}"));
        return null;
    }

    /// <summary>An event time: seconds or an ISO 8601 timestamp; absent is null.</summary>
    public static double? Time(string? text, string name, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (EventTimeText.TryRead(text, out var seconds))
        {
            return seconds;
        }

        errors.Add(new FieldError(name, $"'{text}' is not a time; give seconds (at most 253402300800 either side of 1970) or an ISO 8601 timestamp"));
        return null;
    }
}
