using System.Text.Json;
using OrleansCt.Core.Validation;

namespace OrleansCt.Hosting.Api;

/// <summary>The body of an acknowledge or resolve: {"id": "drift:x:1", "by": "ana", "comment": "…"}.</summary>
internal sealed record AlertAction(string Id, string By, string? Comment)
{
    /// <summary>The action, or null with every bad field named (a type mismatch says what was sent, never a .NET type).</summary>
    public static AlertAction? Read(byte[] body, out IReadOnlyList<FieldError> errors)
    {
        var problems = new List<FieldError>();
        errors = problems;
        if (JsonPreflight.Check(body) is { } refused)
        {
            problems.Add(refused);
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            problems.Add(new FieldError("body", $"is not valid JSON: {e.Message}"));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new FieldError("body", "must be a JSON object {\"id\": alert id, \"by\": who, \"comment\": optional text}"));
                return null;
            }

            var id = Text(root, "id", required: true, problems);
            var by = Text(root, "by", required: true, problems);
            var comment = Text(root, "comment", required: false, problems);
            return problems.Count == 0 ? new AlertAction(id!, by!, comment) : null;
        }
    }

    private static string? Text(JsonElement root, string name, bool required, List<FieldError> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add(new FieldError(name, "is required"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new FieldError(name, $"must be a string, not {Describe(value)}"));
            return null;
        }

        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new FieldError(name, "is required"));
            return null;
        }

        return text;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
