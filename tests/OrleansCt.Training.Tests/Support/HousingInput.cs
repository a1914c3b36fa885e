using Microsoft.ML.Data;
using OrleansCt.Core.Events;

namespace OrleansCt.Training.Tests.Support;

/// <summary>One housing row as ML.NET's own POCO path reads it (blank total_bedrooms as NaN).</summary>
public sealed class HousingInput
{
    [ColumnName("longitude")]
    public float Longitude { get; set; }

    [ColumnName("latitude")]
    public float Latitude { get; set; }

    [ColumnName("housing_median_age")]
    public float Age { get; set; }

    [ColumnName("total_rooms")]
    public float Rooms { get; set; }

    [ColumnName("total_bedrooms")]
    public float Bedrooms { get; set; }

    [ColumnName("population")]
    public float Population { get; set; }

    [ColumnName("households")]
    public float Households { get; set; }

    [ColumnName("median_income")]
    public float Income { get; set; }

    [ColumnName("ocean_proximity")]
    public string Ocean { get; set; } = "";

    public float Label { get; set; }

    public static HousingInput Of(EventBatch batch, int r) => new()
    {
        Longitude = (float)batch.Numeric[0][r],
        Latitude = (float)batch.Numeric[1][r],
        Age = (float)batch.Numeric[2][r],
        Rooms = (float)batch.Numeric[3][r],
        Bedrooms = (float)batch.Numeric[4][r],
        Population = (float)batch.Numeric[5][r],
        Households = (float)batch.Numeric[6][r],
        Income = (float)batch.Numeric[7][r],
        Ocean = batch.Categorical[0][r] ?? "",
        Label = batch.Labels is { } labels ? (float)labels[r] : float.NaN,
    };
}
