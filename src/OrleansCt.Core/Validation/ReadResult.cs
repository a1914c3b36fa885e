namespace OrleansCt.Core.Validation;

/// <summary>The result of reading a request body: a value, or the errors that reject it whole.</summary>
public sealed record ReadResult<T>(T? Value, IReadOnlyList<FieldError> Errors, bool TooLarge = false)
    where T : class
{
    public bool Ok => Value is not null && Errors.Count == 0;
}
