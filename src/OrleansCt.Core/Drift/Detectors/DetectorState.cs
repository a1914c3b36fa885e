using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCt.Core.Drift.Detectors;

/// <summary>
/// Writes a detector's mutable state as JSON and reads it back bit for bit: .NET writes doubles in their shortest
/// round-trip form, NaN and infinities by name. Every state names its detector and a format version first.
/// </summary>
internal static class DetectorState
{
    /// <summary>Format version written into every state.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Write<T>(T state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Parses <paramref name="state"/> as a state of <paramref name="detector"/>; throws an <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static T Read<T>(string detector, string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(state);
        }
        catch (JsonException e)
        {
            throw Malformed(detector, $"it is not valid JSON ({e.Message})");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(detector, $"it is a JSON {root.ValueKind}, not an object");
            }

            if (!root.TryGetProperty("detector", out var kind) || kind.ValueKind != JsonValueKind.String)
            {
                throw Malformed(detector, "it has no \"detector\" name");
            }

            if (kind.GetString() != detector)
            {
                throw new ArgumentException($"The state is of detector '{kind.GetString()}', not '{detector}'; restore it with the detector it came from.", nameof(state));
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v) || v != Version)
            {
                throw Malformed(detector, $"its \"version\" is not {Version}");
            }

            try
            {
                return root.Deserialize<T>(Options) ?? throw Malformed(detector, "it is empty");
            }
            catch (JsonException e)
            {
                throw Malformed(detector, e.Message);
            }
        }
    }

    public static ArgumentException Malformed(string detector, string problem) =>
        new($"Malformed {detector} state: {problem}.", "state");

    /// <summary>Throws a malformed-state error unless <paramref name="condition"/> holds.</summary>
    public static void Check(bool condition, string detector, string problem)
    {
        if (!condition)
        {
            throw Malformed(detector, problem);
        }
    }
}

/// <summary>A <see cref="RiverMean"/> as written in a state.</summary>
internal sealed record MeanState(double N, double Mean)
{
    public static MeanState Of(RiverMean m) => new(m.N, m.Mean);

    public RiverMean ToMean() => new(N, Mean);
}

/// <summary>Implemented by every detector: loads a state written by its <see cref="IDriftDetector.ExportState"/>.</summary>
internal interface IStateImport
{
    void ImportState(string state);
}
