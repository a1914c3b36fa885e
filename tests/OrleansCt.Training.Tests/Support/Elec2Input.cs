using Microsoft.ML.Data;
using OrleansCt.Core.Events;

namespace OrleansCt.Training.Tests.Support;

/// <summary>One elec2 row as ML.NET's own POCO path reads it: properties mapped to the feature columns by name.</summary>
public sealed class Elec2Input
{
    [ColumnName("date")]
    public float Date { get; set; }

    [ColumnName("day")]
    public string Day { get; set; } = "";

    [ColumnName("period")]
    public float Period { get; set; }

    [ColumnName("nswprice")]
    public float NswPrice { get; set; }

    [ColumnName("nswdemand")]
    public float NswDemand { get; set; }

    [ColumnName("vicprice")]
    public float VicPrice { get; set; }

    [ColumnName("vicdemand")]
    public float VicDemand { get; set; }

    [ColumnName("transfer")]
    public float Transfer { get; set; }

    public bool Label { get; set; }

    /// <summary>Row <paramref name="r"/> of an elec2 batch (numeric columns in the order date, period, nswprice, …, transfer).</summary>
    public static Elec2Input Of(EventBatch batch, int r) => new()
    {
        Date = (float)batch.Numeric[0][r],
        Period = (float)batch.Numeric[1][r],
        NswPrice = (float)batch.Numeric[2][r],
        NswDemand = (float)batch.Numeric[3][r],
        VicPrice = (float)batch.Numeric[4][r],
        VicDemand = (float)batch.Numeric[5][r],
        Transfer = (float)batch.Numeric[6][r],
        Day = batch.Categorical[0][r] ?? "",
        Label = batch.Labels is { } labels && labels[r] == 1,
    };
}
