using System.Globalization;

namespace OrleansCt.Core.Drift.Detectors;

/// <summary>Parameter checks shared by the detectors; messages name the parameter by its River (snake_case) name, which is what users type.</summary>
internal static class DetectorChecks
{
    public static void Open01(double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentException($"{name} must be strictly between 0 and 1, got {Show(value)}.", name);
        }
    }

    public static void Closed01(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentException($"{name} must be between 0 and 1, got {Show(value)}.", name);
        }
    }

    public static void AtLeast(long value, long minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentException($"{name} must be at least {minimum}, got {value}.", name);
        }
    }

    public static void NotNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} must be a finite number not below 0, got {Show(value)}.", name);
        }
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
