using OrleansCt.Core.Tests.Learning;

namespace OrleansCt.Core.Tests.Metrics;

/// <summary>The fixed prediction rule of Reference/metrics_reference.py on housing: 45000 + 38000·median_income + 900·housing_median_age.</summary>
internal static class HousingRule
{
    private static readonly Lazy<(double[] Predicted, double[] Labels)> Data = new(Build);

    public static double[] Predicted => Data.Value.Predicted;

    public static double[] Labels => Data.Value.Labels;

    public static int Rows => Predicted.Length;

    private static (double[] Predicted, double[] Labels) Build()
    {
        var batch = Housing.Batch;
        var income = batch.Numeric[Array.IndexOf(Housing.NumericNames, "median_income")];
        var age = batch.Numeric[Array.IndexOf(Housing.NumericNames, "housing_median_age")];
        var predicted = new double[income.Length];
        for (var r = 0; r < predicted.Length; r++)
        {
            predicted[r] = 45000.0 + (38000.0 * income[r]) + (900.0 * age[r]);
        }

        return (predicted, batch.Labels ?? throw new InvalidDataException("housing has no labels"));
    }
}
