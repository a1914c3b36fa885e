using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>
/// Which changes an update of a registered model may make. The learner's weights are shaped by the task, the
/// classes, the features (names, types, order, categories) and the learner options, so those stay fixed; bounds,
/// required flags, target and positive class may change.
/// </summary>
public static class DefinitionChange
{
    public static IReadOnlyList<FieldError> FindIncompatible(ModelDefinition current, ModelDefinition proposed)
    {
        var errors = new List<FieldError>();
        if (current.Task != proposed.Task)
        {
            errors.Add(new FieldError("task", $"is '{current.Task}' and cannot change"));
        }

        if (!current.Classes.SequenceEqual(proposed.Classes, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("classes", $"are [{string.Join(", ", current.Classes)}] and cannot change"));
        }

        if (current.Learner != proposed.Learner)
        {
            errors.Add(new FieldError("learner", "cannot change once the model has learned"));
        }

        if (System.Text.Json.JsonSerializer.Serialize(current.Monitoring, JsonDefaults.Options) != System.Text.Json.JsonSerializer.Serialize(proposed.Monitoring, JsonDefaults.Options))
        {
            errors.Add(new FieldError("monitoring", "cannot change once the model has buckets"));
        }

        if (current.Features.Count != proposed.Features.Count)
        {
            errors.Add(new FieldError("features", $"has {current.Features.Count} features; adding or removing features needs a new model"));
            return errors;
        }

        for (var i = 0; i < current.Features.Count; i++)
        {
            var (was, now) = (current.Features[i], proposed.Features[i]);
            if (was.Name != now.Name || was.Type != now.Type)
            {
                errors.Add(new FieldError($"features[{i}]", $"is '{was.Name}' ({was.Type}); names, types and order cannot change"));
            }
            else if (!SameCategories(was.Categories, now.Categories))
            {
                errors.Add(new FieldError($"features[{i}].categories", "cannot change once the model has learned"));
            }
        }

        return errors;
    }

    private static bool SameCategories(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);
}
