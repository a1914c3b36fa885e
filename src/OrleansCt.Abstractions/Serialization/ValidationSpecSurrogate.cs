using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.ValidationSpec")]
public struct ValidationSpecSurrogate
{
    [Id(0)] public string OnViolation;
}

[RegisterConverter]
public sealed class ValidationSpecConverter : IConverter<ValidationSpec, ValidationSpecSurrogate>
{
    public ValidationSpec ConvertFromSurrogate(in ValidationSpecSurrogate s) => new() { OnViolation = s.OnViolation ?? "count" };

    public ValidationSpecSurrogate ConvertToSurrogate(in ValidationSpec v) => new() { OnViolation = v.OnViolation };
}
