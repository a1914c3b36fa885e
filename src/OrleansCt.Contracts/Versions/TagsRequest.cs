namespace OrleansCt.Contracts;

/// <summary>PUT /v1/models/{model}/versions/{version}/tags: the version's tags, replaced whole.</summary>
public sealed record TagsRequest(IReadOnlyDictionary<string, string>? Tags);
