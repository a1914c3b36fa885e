using System.Globalization;

namespace OrleansCt.Benchmarks;

/// <summary>Command-line options shared by the scenarios: --short (seconds, for CI), --json, --seconds N, and named integer lists.</summary>
public sealed class BenchArgs(string[] args)
{
    public bool Short { get; } = args.Contains("--short");

    public static BenchArgs Parse(string[] args) => new(args);

    public bool Json { get; } = args.Contains("--json");

    public double Seconds(double normal, double quick) => Number("--seconds") ?? (Short ? quick : normal);

    public int Int(string name, int fallback) => (int?)Number(name) ?? fallback;

    public int[] Ints(string name, int[] normal, int[] quick)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0 || index + 1 >= args.Length)
        {
            return Short ? quick : normal;
        }

        return [.. args[index + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
    }

    public string Text(string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private double? Number(string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }
}
