namespace OrleansCt.Core.Validation;

/// <summary>Collects errors up to <see cref="BatchLimits.MaxErrors"/> and counts the rest.</summary>
internal sealed class ErrorList
{
    private readonly List<FieldError> _errors = [];
    private int _dropped;

    public int Count => _errors.Count + _dropped;

    public void Add(string field, string message)
    {
        if (_errors.Count < BatchLimits.MaxErrors)
        {
            _errors.Add(new FieldError(field, message));
        }
        else
        {
            _dropped++;
        }
    }

    public void Add(FieldPath field, string message) => Add(field.ToString(), message);

    public IReadOnlyList<FieldError> ToList()
    {
        if (_dropped == 0)
        {
            return _errors;
        }

        return [.. _errors, new FieldError("errors", $"{_dropped} more errors not listed")];
    }
}
