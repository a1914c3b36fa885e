namespace OrleansCt.Client;

/// <summary>A label for an earlier event: a class name (classification) or a number (regression).</summary>
public sealed record LabelInput(string Id, object Label);
