namespace OrleansCt.Core.Evidence;

/// <summary>
/// A label-free estimate of a binary classifier's accuracy, after NannyML's CBPE (confidence-based performance estimation): each
/// event's probability of being positive, calibrated on the reference (where labels are known), is the chance its predicted class
/// is right or wrong, so the expected confusion counts are sums of calibrated probabilities — a predicted positive adds p to the
/// true positives and 1 − p to the false positives, a predicted negative 1 − p to the true negatives and p to the false negatives.
/// It holds while the calibration does (no concept drift); it is shown beside the evidence, never used to decide.
/// </summary>
public static class ConfidenceBasedEstimate
{
    /// <param name="calibration">Fitted on the reference's positive-class probabilities and labels.</param>
    /// <param name="probabilities">Each event's positive-class probability as the model gave it.</param>
    /// <param name="predictedPositive">Whether the model predicted the positive class for it.</param>
    public static ExpectedConfusion Estimate(IsotonicCalibration calibration, IReadOnlyList<double> probabilities, IReadOnlyList<bool> predictedPositive)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(predictedPositive);
        if (probabilities.Count != predictedPositive.Count)
        {
            throw new ArgumentException($"{probabilities.Count} probabilities and {predictedPositive.Count} predictions; give one of each per event.", nameof(predictedPositive));
        }

        double tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = Math.Clamp(calibration.Calibrate(probabilities[i]), 0, 1);
            if (predictedPositive[i])
            {
                (tp, fp) = (tp + p, fp + 1 - p);
            }
            else
            {
                (tn, fn) = (tn + 1 - p, fn + p);
            }
        }

        return new ExpectedConfusion(tp, fp, tn, fn);
    }
}
