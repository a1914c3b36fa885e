namespace OrleansCt.Core.Sketches;

/// <summary>One category and how many times a <see cref="CategoricalSketch"/> counted it.</summary>
public sealed record CategoryCount(string Name, long Count);
