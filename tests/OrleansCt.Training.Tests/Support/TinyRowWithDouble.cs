using Microsoft.ML.Data;

namespace OrleansCt.Training.Tests.Support;

/// <summary>A tiny row whose feature "a" is a double: a model trained on it breaks the contract (numeric features are Single).</summary>
public sealed class TinyRowWithDouble
{
    [ColumnName("a")]
    public double A { get; set; }

    [ColumnName("b")]
    public float B { get; set; }

    [ColumnName("c")]
    public string C { get; set; } = "";

    public bool Label { get; set; }
}
