using System.Text.Json;

namespace OrleansCt.Core.Validation;

/// <summary>Reads an event id: a non-empty string of at most <see cref="BatchLimits.MaxIdLength"/> characters.</summary>
internal static class IdReader
{
    public static bool TryRead(JsonElement value, FieldPath field, ErrorList errors, out string id)
    {
        id = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, $"must be a string, not {EventBatchReader.Describe(value)}");
            return false;
        }

        if (id.Length == 0 || id.Length > BatchLimits.MaxIdLength)
        {
            errors.Add(field, $"must be 1 to {BatchLimits.MaxIdLength} characters long");
            return false;
        }

        return true;
    }
}
