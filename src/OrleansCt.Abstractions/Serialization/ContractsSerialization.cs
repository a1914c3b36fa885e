using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Serialization;

namespace OrleansCt.Abstractions.Serialization;

/// <summary>
/// Carries the HTTP shapes (OrleansCt.Contracts) across grain boundaries as System.Text.Json: one registration for a
/// few dozen nested records instead of a surrogate and converter each. Silos and every cluster client call
/// <see cref="AddContracts"/>.
/// </summary>
public static class ContractsSerialization
{
    // Contracts types that already cross grain boundaries and are stored in the log and grain state through their
    // surrogates (Serialization/*Surrogate.cs): they keep that binary, version-tolerant form.
    private static readonly HashSet<Type> Surrogated =
    [
        typeof(ModelDefinition), typeof(FeatureSpec), typeof(LearnerSpec), typeof(MonitoringSpec), typeof(ValidationSpec), typeof(DetectorSpec), typeof(FieldError),
    ];

    /// <summary>The transport form: property names as declared, doubles round-trip exactly, NaN and infinities by name.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Registers the JSON codec and copier for the contract types (<see cref="IsCarried"/>).</summary>
    public static ISerializerBuilder AddContracts(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(IsCarried, Options);

    /// <summary>True for a record or class of OrleansCt.Contracts that has no surrogate of its own; enums only travel inside them.</summary>
    public static bool IsCarried(Type type) =>
        type.Assembly == typeof(StatsResponse).Assembly && type.IsClass && !Surrogated.Contains(type) && !typeof(JsonConverter).IsAssignableFrom(type) && !type.IsAbstract;
}
