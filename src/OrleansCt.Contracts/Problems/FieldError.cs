namespace OrleansCt.Contracts;

/// <summary>One thing wrong with an input: where (a JSON-path-like field name) and what.</summary>
public sealed record FieldError(string Field, string Message);
