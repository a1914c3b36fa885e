using OrleansCt.Abstractions.Models;

namespace OrleansCt.Abstractions.Registry;

/// <summary>The version registered (or registered before under the same origin), or why not, named.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.RegisterVersionResult")]
public sealed record RegisterVersionResult(
    [property: Id(0)] ReadStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] VersionView? Version);
