using System.Text.Json;

namespace OrleansCt.Core.Validation;

/// <summary>Checks the outer shape of a request body: an object holding one named array and nothing else.</summary>
internal static class RequestShape
{
    public static bool TryGetArray(JsonElement root, string name, out JsonElement array, out FieldError? error)
    {
        array = default;
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = new FieldError("body", $"must be a JSON object with an array '{name}'");
            return false;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != name)
            {
                error = new FieldError(property.Name, $"is not expected here; the body holds only '{name}'");
                return false;
            }
        }

        if (!root.TryGetProperty(name, out array) || array.ValueKind != JsonValueKind.Array)
        {
            error = new FieldError(name, "is required and must be an array");
            return false;
        }

        return true;
    }
}
