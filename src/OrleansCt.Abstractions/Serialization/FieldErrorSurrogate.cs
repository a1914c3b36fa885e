using OrleansCt.Core.Validation;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.FieldError")]
public struct FieldErrorSurrogate
{
    [Id(0)] public string Field;
    [Id(1)] public string Message;
}

[RegisterConverter]
public sealed class FieldErrorConverter : IConverter<FieldError, FieldErrorSurrogate>
{
    public FieldError ConvertFromSurrogate(in FieldErrorSurrogate surrogate) => new(surrogate.Field, surrogate.Message);

    public FieldErrorSurrogate ConvertToSurrogate(in FieldError value) => new() { Field = value.Field, Message = value.Message };
}
