using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.ValidationSpec")]
public struct ValidationSpecSurrogate
{
    [Id(0)] public string OnViolation;
    [Id(1)] public string? OnSchemaChange;
}

[RegisterConverter]
public sealed class ValidationSpecConverter : IConverter<ValidationSpec, ValidationSpecSurrogate>
{
    public ValidationSpec ConvertFromSurrogate(in ValidationSpecSurrogate s) => new() { OnViolation = s.OnViolation ?? "count", OnSchemaChange = s.OnSchemaChange ?? "reject" };

    public ValidationSpecSurrogate ConvertToSurrogate(in ValidationSpec v) => new() { OnViolation = v.OnViolation, OnSchemaChange = v.OnSchemaChange };
}
