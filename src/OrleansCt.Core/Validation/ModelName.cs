namespace OrleansCt.Core.Validation;

/// <summary>Model names: 1–64 characters of letters, digits, '-', '_' and '.'.</summary>
public static class ModelName
{
    public const int MaxLength = 64;

    public static FieldError? Check(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return new FieldError("model", $"must be 1 to {MaxLength} characters long");
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return new FieldError("model", $"'{c}' is not allowed: use letters, digits, '-', '_' and '.'");
            }
        }

        return null;
    }
}
