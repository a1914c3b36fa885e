using System.Globalization;
using System.Text;

namespace OrleansCt.Core.Drift.Detectors;

/// <summary>Reads a detector's parameters given as text under River's snake_case names (or their camelCase forms) and refuses any name the detector does not take.</summary>
internal sealed class DetectorParameters
{
    private readonly string _detector;
    private readonly Dictionary<string, (string Given, string Value)> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public DetectorParameters(string detector, IReadOnlyDictionary<string, string> parameters)
    {
        _detector = detector;
        foreach (var (given, value) in parameters)
        {
            var name = ToSnakeCase(given);
            if (!_values.TryAdd(name, (given, value)))
            {
                throw new ArgumentException($"Parameter '{given}' of detector '{detector}' is given twice (as '{_values[name].Given}' too); give it once.", nameof(parameters));
            }
        }
    }

    public double Double(string name, double fallback) =>
        Read(name, fallback, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null, "a finite number");

    public int Int(string name, int fallback) =>
        Read(name, fallback, text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null, "a whole number");

    public bool Bool(string name, bool fallback) =>
        Read(name, fallback, text => text.ToLowerInvariant() switch { "true" or "1" => true, "false" or "0" => (bool?)false, _ => null }, "true or false");

    public long? NullableLong(string name, long? fallback) =>
        Read(name, fallback, text => text.ToLowerInvariant() is "none" or "null" ? (Parsed<long?>?)new(null) : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? new(v) : null, "a whole number or none");

    public T Choice<T>(string name, T fallback, IReadOnlyDictionary<string, T> choices) =>
        Read(name, fallback, text => choices.TryGetValue(text.ToLowerInvariant(), out var v) ? new Parsed<T>(v) : (Parsed<T>?)null, "one of " + string.Join(", ", choices.Keys));

    /// <summary>Throws for any parameter that no Read asked for, listing the ones the detector takes.</summary>
    public void RejectUnknown()
    {
        foreach (var (name, (given, _)) in _values)
        {
            if (!_known.Contains(name))
            {
                throw new ArgumentException($"Detector '{_detector}' has no parameter '{given}'; its parameters are {string.Join(", ", _known.Order(StringComparer.Ordinal))}.", given);
            }
        }
    }

    private T Read<T>(string name, T fallback, Func<string, T?> parse, string expected)
        where T : struct
    {
        var parsed = Read(name, fallback, text => parse(text) is { } v ? new Parsed<T>(v) : (Parsed<T>?)null, expected);
        return parsed;
    }

    private T Read<T>(string name, T fallback, Func<string, Parsed<T>?> parse, string expected)
    {
        _known.Add(name);
        if (!_values.TryGetValue(name, out var entry))
        {
            return fallback;
        }

        return parse(entry.Value.Trim()) is { } parsed
            ? parsed.Value
            : throw new ArgumentException($"Parameter '{entry.Given}' of detector '{_detector}' must be {expected}, got '{entry.Value}'.", entry.Given);
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name.Trim())
        {
            if (char.IsUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c == '-' ? '_' : c);
            }
        }

        return builder.ToString();
    }

    private readonly record struct Parsed<T>(T Value);
}
