namespace OrleansCt.Contracts;

/// <summary>A registered model in the list.</summary>
public sealed record ModelListItem(string Name, ModelDefinition Definition);
