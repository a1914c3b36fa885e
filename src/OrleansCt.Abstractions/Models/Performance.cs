using OrleansCt.Core.Metrics;

namespace OrleansCt.Abstractions.Models;

/// <summary>
/// Prequential performance of the served predictions against the labels joined so far: accuracy for
/// classification, mean absolute and root mean squared error for regression.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.Performance")]
public sealed record Performance(
    [property: Id(0)] long Labelled,
    [property: Id(1)] double? Accuracy,
    [property: Id(2)] double? Mae,
    [property: Id(3)] double? Rmse)
{
    public static Performance Of(ClassificationValues values) => new(values.Count, values.Accuracy, null, null);

    public static Performance Of(RegressionValues values) => new(values.Count, null, values.Mae, values.Rmse);
}
