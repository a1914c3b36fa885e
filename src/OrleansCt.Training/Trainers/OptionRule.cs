using System.Globalization;

namespace OrleansCt.Training.Trainers;

/// <summary>One option a trainer accepts: its name and the values it may take (booleans are 0 or 1).</summary>
internal sealed record OptionRule(string Name, double Min, double Max, bool Integer = false, bool AboveMin = false, bool BelowMax = false)
{
    public static OptionRule Positive(string name) => new(name, 0, double.MaxValue, AboveMin: true);

    public static OptionRule NonNegative(string name) => new(name, 0, double.MaxValue);

    public static OptionRule Count(string name, int min, int max = 1_000_000) => new(name, min, max, Integer: true);

    public static OptionRule Flag(string name) => new(name, 0, 1, Integer: true);

    /// <summary>Null when <paramref name="value"/> is allowed, else what is wrong with it.</summary>
    public string? Problem(double value)
    {
        var fits = double.IsFinite(value) && (AboveMin ? value > Min : value >= Min) && (BelowMax ? value < Max : value <= Max) && (!Integer || value == Math.Floor(value));
        return fits ? null : $"options.{Name} must be {Describe()} (got {value.ToString(CultureInfo.InvariantCulture)})";
    }

    private string Describe()
    {
        var kind = Integer ? (Min == 0 && Max == 1 ? "0 or 1" : "an integer") : "a number";
        if (Integer && Min == 0 && Max == 1)
        {
            return kind;
        }

        var low = $"{(AboveMin ? ">" : "≥")} {Min.ToString(CultureInfo.InvariantCulture)}";
        return Max == double.MaxValue ? $"{kind} {low}" : $"{kind} {low} and {(BelowMax ? "<" : "≤")} {Max.ToString(CultureInfo.InvariantCulture)}";
    }
}
