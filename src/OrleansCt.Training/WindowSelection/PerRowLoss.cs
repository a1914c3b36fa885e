using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.WindowSelection;

/// <summary>
/// The loss of each scored row: log loss −ln p(true class) for classification, with p clipped below at 1e-15 (as scikit-learn's
/// log_loss clips) so one confident mistake costs about 34.5 rather than infinity; squared error for regression.
/// </summary>
public static class PerRowLoss
{
    public const double MinProbability = 1e-15;

    /// <param name="labels">Class index (classification) or value (regression) per row.</param>
    public static double[] Of(ModelSchema schema, Predictions predictions, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(labels);
        if (predictions.Count != labels.Count || predictions.Width != schema.PredictionWidth)
        {
            throw new ArgumentException(
                $"predictions hold {predictions.Count} rows of width {predictions.Width} but there are {labels.Count} labels and the schema predicts {schema.PredictionWidth} numbers a row.",
                nameof(predictions));
        }

        var losses = new double[labels.Count];
        for (var r = 0; r < losses.Length; r++)
        {
            var row = predictions.Row(r);
            if (schema.IsClassification)
            {
                losses[r] = -Math.Log(Math.Max(row[(int)labels[r]], MinProbability));
            }
            else
            {
                var error = row[0] - labels[r];
                losses[r] = error * error;
            }
        }

        return losses;
    }
}
