using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.ModelDefinition")]
public struct ModelDefinitionSurrogate
{
    [Id(0)] public ModelTask Task;
    [Id(1)] public string Target;
    [Id(2)] public string[] Classes;
    [Id(3)] public string? PositiveClass;
    [Id(4)] public FeatureSpec[] Features;
    [Id(5)] public LearnerSpec Learner;
    [Id(6)] public MonitoringSpec? Monitoring;
    [Id(7)] public ValidationSpec? Validation;

    /// <summary>The AlertSpec as JSON (a plain settings record: JSON keeps this surrogate small and tolerant).</summary>
    [Id(8)] public string? AlertsJson;
}

[RegisterConverter]
public sealed class ModelDefinitionConverter : IConverter<ModelDefinition, ModelDefinitionSurrogate>
{
    public ModelDefinition ConvertFromSurrogate(in ModelDefinitionSurrogate s) => new()
    {
        Task = s.Task, Target = s.Target, Classes = s.Classes, PositiveClass = s.PositiveClass, Features = s.Features, Learner = s.Learner,
        Monitoring = s.Monitoring ?? new MonitoringSpec(),
        Validation = s.Validation ?? new ValidationSpec(),
        Alerts = s.AlertsJson is null ? new AlertSpec() : System.Text.Json.JsonSerializer.Deserialize<AlertSpec>(s.AlertsJson, JsonDefaults.Options)!,
    };

    public ModelDefinitionSurrogate ConvertToSurrogate(in ModelDefinition v) => new()
    {
        Task = v.Task, Target = v.Target, Classes = [.. v.Classes], PositiveClass = v.PositiveClass, Features = [.. v.Features], Learner = v.Learner,
        Monitoring = v.Monitoring,
        Validation = v.Validation,
        AlertsJson = System.Text.Json.JsonSerializer.Serialize(v.Alerts, JsonDefaults.Options),
    };
}
