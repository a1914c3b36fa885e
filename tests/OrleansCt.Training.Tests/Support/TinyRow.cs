using Microsoft.ML.Data;

namespace OrleansCt.Training.Tests.Support;

/// <summary>A row of the tiny binary set (<see cref="Tiny"/>) for pipelines built with plain ML.NET.</summary>
public sealed class TinyRow
{
    [ColumnName("a")]
    public float A { get; set; }

    [ColumnName("b")]
    public float B { get; set; }

    [ColumnName("c")]
    public string C { get; set; } = "";

    public bool Label { get; set; }
}
