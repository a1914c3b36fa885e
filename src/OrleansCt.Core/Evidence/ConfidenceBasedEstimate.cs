namespace OrleansCt.Core.Evidence;

/// <summary>
/// A label-free estimate of a binary classifier's accuracy, after NannyML's CBPE (confidence-based performance estimation): each
/// event's probability of being positive, calibrated on the reference (where labels are known), is the chance its predicted class
/// is right or wrong, so the expected confusion counts are sums of calibrated probabilities — a predicted positive adds p to the
/// true positives and 1 − p to the false positives, a predicted negative 1 − p to the true negatives and p to the false negatives.
/// It holds while the calibration does (no concept drift); it is shown beside the evidence, never used to decide. For more than
/// two classes each class's probability is calibrated one-vs-rest, the calibrated values are normalised to sum to 1, and the
/// expected accuracy is the mean calibrated probability of the predicted class (NannyML's multiclass CBPE).
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

    /// <summary>
    /// The expected accuracy of a multiclass classifier: <paramref name="calibrations"/> has one one-vs-rest calibration per class
    /// (fitted on the reference's probability of that class against "the label is that class"); each event's calibrated
    /// probabilities are normalised to sum to 1, and the one of its predicted class is the chance it is right.
    /// </summary>
    /// <param name="probabilities">Per event, the model's probability of each class (as many as calibrations).</param>
    /// <param name="predicted">Per event, the class it predicted (an index into the classes).</param>
    public static double MulticlassAccuracy(IReadOnlyList<IsotonicCalibration> calibrations, IReadOnlyList<IReadOnlyList<double>> probabilities, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(calibrations);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(predicted);
        if (probabilities.Count != predicted.Count)
        {
            throw new ArgumentException($"{probabilities.Count} events of probabilities and {predicted.Count} predictions; give one of each per event.", nameof(predicted));
        }

        if (probabilities.Count == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        var calibrated = new double[calibrations.Count];
        for (var e = 0; e < probabilities.Count; e++)
        {
            if (probabilities[e].Count != calibrations.Count || predicted[e] < 0 || predicted[e] >= calibrations.Count)
            {
                throw new ArgumentException($"event {e} has {probabilities[e].Count} probabilities and predicted class {predicted[e]}; there are {calibrations.Count} classes.", nameof(probabilities));
            }

            for (var k = 0; k < calibrations.Count; k++)
            {
                calibrated[k] = Math.Clamp(calibrations[k].Calibrate(probabilities[e][k]), 0, 1);
            }

            var total = calibrated.Sum();

            // Every class calibrated to 0 says nothing about the event: its classes are taken as equally likely.
            sum += total > 0 ? calibrated[predicted[e]] / total : 1.0 / calibrations.Count;
        }

        return sum / probabilities.Count;
    }
}
