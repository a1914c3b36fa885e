namespace OrleansCt.Contracts;

/// <summary>
/// A concept-drift detector the model runs on its error stream (0/1 errors for classification, absolute errors for
/// regression): River's name ("adwin", "ddm", …) and parameters (River's names, snake_case or camelCase).
/// </summary>
public sealed record DetectorSpec
{
    public required string Kind { get; init; }

    [System.Text.Json.Serialization.JsonConverter(typeof(ScalarMapConverter))]
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}
