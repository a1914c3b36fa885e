namespace OrleansCt.Storage.Tests;

/// <summary>A grain state with the shapes real states have: text, a number and a collection.</summary>
[GenerateSerializer]
[Alias("OrleansCt.Storage.Tests.TestState")]
public sealed class TestState
{
    [Id(0)]
    public string Name { get; set; } = string.Empty;

    [Id(1)]
    public long Counter { get; set; }

    [Id(2)]
    public List<double> Values { get; set; } = [];
}
