using OrleansCt.Core.Events;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Artifacts;
using OrleansCt.Training.Rows;

namespace OrleansCt.Training.Validation;

/// <summary>
/// A version's metrics on held-out rows, computed by Core's metrics (the ones the live monitor reports, so a candidate is
/// judged as the champion is): classification accuracy and log loss, ROC AUC of the positive class for binary models
/// (binned: <see cref="AucErrorBound"/> bounds its error); regression RMSE, MAE and R². A row whose prediction is not a
/// finite number is not scored and is counted in <see cref="Unscored"/>.
/// </summary>
public sealed record ValidationMetrics(
    long Count,
    long Unscored,
    double? Accuracy,
    double? LogLoss,
    double? Auc,
    double? AucErrorBound,
    double? Rmse,
    double? Mae,
    double? R2)
{
    /// <summary>Score bins of the binary AUC (Core's live metrics use 1,000).</summary>
    public const int AucBins = 100_000;

    /// <summary>Scores <paramref name="holdout"/> with <paramref name="model"/> and measures it.</summary>
    public static ValidationMetrics Of(LoadedModel model, TrainingRows holdout)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(holdout);
        return Of(model.Schema, model.Score(holdout.ToBatch()), holdout.Labels);
    }

    /// <summary>Measures <paramref name="predictions"/> against <paramref name="labels"/> (class index or value per row).</summary>
    public static ValidationMetrics Of(ModelSchema schema, Predictions predictions, IReadOnlyList<double> labels)
    {
        if (predictions.Count != labels.Count || predictions.Width != schema.PredictionWidth)
        {
            throw new ArgumentException(
                $"predictions hold {predictions.Count} rows of {predictions.Width} but there are {labels.Count} labels and the schema predicts {schema.PredictionWidth} per row.");
        }

        return schema.IsClassification ? Classification(schema, predictions, labels) : Regression(predictions, labels);
    }

    private static ValidationMetrics Classification(ModelSchema schema, Predictions predictions, IReadOnlyList<double> labels)
    {
        // Binary: fine bins (1.6 MB for one validation) keep the AUC's binning error near zero; multiclass reports no AUC.
        var binary = schema.Task == ModelTask.Binary;
        var metrics = new ClassificationMetrics(schema.PredictionWidth, schema.PositiveClassIndex, binary ? AucBins : ClassificationMetrics.DefaultBins);
        long unscored = 0;
        for (var r = 0; r < labels.Count; r++)
        {
            var row = predictions.Row(r);
            if (!Finite(row))
            {
                unscored++;
                continue;
            }

            metrics.Observe(row, (int)labels[r]);
        }

        var values = metrics.Values();
        return new ValidationMetrics(
            values.Count,
            unscored,
            values.Accuracy,
            values.LogLoss,
            binary ? values.RocAuc : null,
            binary ? metrics.RocAucErrorBound(schema.PositiveClassIndex) : null,
            null,
            null,
            null);
    }

    private static ValidationMetrics Regression(Predictions predictions, IReadOnlyList<double> labels)
    {
        var metrics = new RegressionMetrics();
        long unscored = 0;
        for (var r = 0; r < labels.Count; r++)
        {
            var predicted = predictions.Row(r)[0];
            if (!double.IsFinite(predicted))
            {
                unscored++;
                continue;
            }

            metrics.Observe(predicted, labels[r]);
        }

        var values = metrics.Values();
        return new ValidationMetrics(values.Count, unscored, null, null, null, null, values.Rmse, values.Mae, values.R2);
    }

    private static bool Finite(ReadOnlySpan<double> row)
    {
        foreach (var value in row)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
