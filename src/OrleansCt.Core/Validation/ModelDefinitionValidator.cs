using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>Checks a model definition before it is stored; every problem is named by its field.</summary>
public static class ModelDefinitionValidator
{
    public const int MaxFeatureNameLength = BatchLimits.MaxFeatureNameLength;
    public const int MaxFeatures = BatchLimits.MaxFeatures;

    public static IReadOnlyList<FieldError> Validate(ModelDefinition definition)
    {
        var errors = new List<FieldError>();
        CheckClasses(definition, errors);
        if (string.IsNullOrWhiteSpace(definition.Target))
        {
            errors.Add(new FieldError("target", "must name the label column"));
        }

        CheckFeatures(definition, errors);
        MonitoringValidator.Check(definition.Monitoring, errors);
        if (definition.Validation.OnViolation is not ("count" or "reject"))
        {
            errors.Add(new FieldError("validation.onViolation", $"'{definition.Validation.OnViolation}' is not a policy: use \"count\" or \"reject\""));
        }

        DriftAlertValidator.Check(definition, errors);
        if (errors.Count == 0)
        {
            errors.AddRange(LearnerOptionsResolver.Validate(definition).Select(e => new FieldError(e.Field, e.Message)));
        }

        return errors;
    }

    private static void CheckClasses(ModelDefinition definition, List<FieldError> errors)
    {
        var classes = definition.Classes;
        switch (definition.Task)
        {
            case ModelTask.Binary when classes.Count != 2:
                errors.Add(new FieldError("classes", $"a binary model needs exactly 2 classes, not {classes.Count}"));
                break;
            case ModelTask.Multiclass when classes.Count < 2:
                errors.Add(new FieldError("classes", $"a multiclass model needs at least 2 classes, not {classes.Count}"));
                break;
            case ModelTask.Regression when classes.Count > 0:
                errors.Add(new FieldError("classes", "a regression model has no classes"));
                break;
        }

        if (classes.Count > BatchLimits.MaxClasses)
        {
            errors.Add(new FieldError("classes", $"lists {classes.Count} classes; a model has at most {BatchLimits.MaxClasses}"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < classes.Count; i++)
        {
            if (string.IsNullOrEmpty(classes[i]))
            {
                errors.Add(new FieldError($"classes[{i}]", "must not be empty"));
            }
            else if (classes[i].Length > BatchLimits.MaxCategoryLength)
            {
                errors.Add(new FieldError($"classes[{i}]", $"is {classes[i].Length} characters long; a class name is at most {BatchLimits.MaxCategoryLength}"));
            }
            else if (!seen.Add(classes[i]))
            {
                errors.Add(new FieldError($"classes[{i}]", $"'{classes[i]}' is listed twice"));
            }
        }

        if (definition.PositiveClass is { } positive)
        {
            if (definition.Task == ModelTask.Regression)
            {
                errors.Add(new FieldError("positiveClass", "a regression model has no positive class"));
            }
            else if (!seen.Contains(positive))
            {
                errors.Add(new FieldError("positiveClass", $"'{positive}' is not one of the classes"));
            }
        }
    }

    private static void CheckFeatures(ModelDefinition definition, List<FieldError> errors)
    {
        var features = definition.Features;
        if (features.Count == 0 || features.Count > MaxFeatures)
        {
            errors.Add(new FieldError("features", $"lists {features.Count} features; a model has 1 to {MaxFeatures}"));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i];
            var field = $"features[{i}]";
            if (string.IsNullOrEmpty(feature.Name) || feature.Name.Length > MaxFeatureNameLength)
            {
                errors.Add(new FieldError($"{field}.name", $"must be 1 to {MaxFeatureNameLength} characters long"));
            }
            else if (!names.Add(feature.Name))
            {
                errors.Add(new FieldError($"{field}.name", $"'{feature.Name}' is listed twice"));
            }

            if (feature.Type == FeatureType.Numeric)
            {
                CheckBounds(feature, field, errors);
            }
            else
            {
                CheckCategories(feature, field, errors);
            }
        }
    }

    private static void CheckBounds(FeatureSpec feature, string field, List<FieldError> errors)
    {
        if (feature.Categories is not null)
        {
            errors.Add(new FieldError($"{field}.categories", "only a categorical feature has categories"));
        }

        if (feature.Min is { } min && !double.IsFinite(min))
        {
            errors.Add(new FieldError($"{field}.min", "must be a finite number"));
        }

        if (feature.Max is { } max && !double.IsFinite(max))
        {
            errors.Add(new FieldError($"{field}.max", "must be a finite number"));
        }

        if (feature.Min > feature.Max)
        {
            errors.Add(new FieldError($"{field}.min", $"{feature.Min} is above max {feature.Max}"));
        }
    }

    private static void CheckCategories(FeatureSpec feature, string field, List<FieldError> errors)
    {
        if (feature.Min is not null || feature.Max is not null)
        {
            errors.Add(new FieldError($"{field}.min", "only a numeric feature has bounds"));
        }

        if (feature.Categories is not { } categories)
        {
            return;
        }

        if (categories.Count > BatchLimits.MaxCategoriesPerFeature)
        {
            errors.Add(new FieldError($"{field}.categories", $"lists {categories.Count} categories; a feature has at most {BatchLimits.MaxCategoriesPerFeature}"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < categories.Count; c++)
        {
            if (categories[c] is { Length: > BatchLimits.MaxCategoryLength } category)
            {
                errors.Add(new FieldError($"{field}.categories[{c}]", $"is {category.Length} characters long; a category is at most {BatchLimits.MaxCategoryLength}"));
            }
            else if (categories[c] is null || !seen.Add(categories[c]))
            {
                errors.Add(new FieldError($"{field}.categories[{c}]", $"'{categories[c]}' is empty or listed twice"));
            }
        }
    }
}
