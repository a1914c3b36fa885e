namespace OrleansCt.Core.Metrics;

/// <summary>Shared checks for restoring metric states and for fading factors, with messages that say what to do.</summary>
internal static class MetricStateCheck
{
    public static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{problem}; restore a state made by ToState of the same kind of metrics, or start fresh.", "state");
        }
    }

    public static bool NonNegativeFinite(double value) => double.IsFinite(value) && value >= 0;

    /// <summary>A sum of non-negative terms: finite or saturated at +∞ (errors of extreme values), never NaN or negative.</summary>
    public static bool NonNegativeSum(double value) => value >= 0;

    public static void CheckAlpha(double alpha)
    {
        // NaN fails both comparisons, so it is rejected too.
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1]; 1 keeps every row at full weight, 0.999 forgets with a half-life of about 693 rows.");
        }
    }

    public static void CheckClasses(int classes, int positiveClass)
    {
        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        }

        if (positiveClass < 0 || positiveClass >= classes)
        {
            throw new ArgumentOutOfRangeException(nameof(positiveClass), positiveClass, $"positiveClass must be a class index in [0, {classes}).");
        }
    }
}
