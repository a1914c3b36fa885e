namespace OrleansCt.Contracts;

/// <summary>One difference a person should look at, with a sentence that names the values.</summary>
public sealed record SchemaDifference(string Feature, SchemaDifferenceKind Kind, string Message);
