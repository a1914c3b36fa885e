using System.Text.Json;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>Reads a label: one of the classes (classification) or a finite number (regression).</summary>
internal static class LabelValue
{
    public static void Read(JsonElement value, ModelSchema schema, FieldPath field, double[] labels, int index, ErrorList errors, bool allowNull)
    {
        if (value.ValueKind == JsonValueKind.Null && allowNull)
        {
            return;
        }

        if (schema.IsClassification)
        {
            if (value.ValueKind == JsonValueKind.String && schema.ClassIndex.TryGetValue(value.GetString()!, out var k))
            {
                labels[index] = k;
            }
            else
            {
                var got = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : EventBatchReader.Describe(value);
                errors.Add(field, $"must be one of the classes [{string.Join(", ", schema.Definition.Classes)}], not {got}");
            }
        }
        else if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            labels[index] = number;
        }
        else
        {
            errors.Add(field, $"must be a finite number, not {EventBatchReader.Describe(value)}");
        }
    }
}
