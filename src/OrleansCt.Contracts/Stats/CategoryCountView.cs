namespace OrleansCt.Contracts;

/// <summary>A category and how often it was seen.</summary>
public sealed record CategoryCountView(string Value, long Count);
