using Microsoft.ML.Data;
using OrleansCt.Core.Events;

namespace OrleansCt.Training.Tests.Support;

/// <summary>One synthetic row (<see cref="Synthetic"/>) as ML.NET's POCO path reads it; Label is the class name.</summary>
public sealed class SyntheticInput
{
    [ColumnName("x")]
    public float X { get; set; }

    [ColumnName("noise")]
    public float Noise { get; set; }

    [ColumnName("colour")]
    public string Colour { get; set; } = "";

    public string Label { get; set; } = "";

    public static SyntheticInput Of(EventBatch batch, int r) => new()
    {
        X = (float)batch.Numeric[0][r],
        Noise = (float)batch.Numeric[1][r],
        Colour = batch.Categorical[0][r] ?? "",
        Label = batch.Labels is { } labels ? Synthetic.Classes[(int)labels[r]] : "",
    };
}
