using OrleansCt.Abstractions.Models;

namespace OrleansCt.Abstractions.Registry;

/// <summary>The version with its new tags, or why they were not set (unknown model or version: NotFound; bad tags: Invalid, named).</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.TagsResult")]
public sealed record TagsResult(
    [property: Id(0)] ReadStatus Status,
    [property: Id(1)] IReadOnlyList<FieldError> Errors,
    [property: Id(2)] VersionView? Version);
