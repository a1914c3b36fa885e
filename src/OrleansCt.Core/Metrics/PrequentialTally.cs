namespace OrleansCt.Core.Metrics;

/// <summary>
/// Running totals of served predictions against their labels (test-then-train): hits for classification,
/// absolute and squared errors for regression. Plain fields so a checkpoint can copy them exactly.
/// </summary>
public sealed class PrequentialTally
{
    public long Labelled { get; set; }

    public long Correct { get; set; }

    public double AbsoluteError { get; set; }

    public double SquaredError { get; set; }

    public double? Accuracy => Labelled == 0 ? null : (double)Correct / Labelled;

    public double? Mae => Labelled == 0 ? null : AbsoluteError / Labelled;

    public double? Rmse => Labelled == 0 ? null : Math.Sqrt(SquaredError / Labelled);

    /// <summary>Counts one classification: the predicted class against the true one.</summary>
    public void ObserveClass(int predicted, int actual)
    {
        Labelled++;
        if (predicted == actual)
        {
            Correct++;
        }
    }

    /// <summary>Counts one regression: the predicted value against the true one.</summary>
    public void ObserveValue(double predicted, double actual)
    {
        var error = predicted - actual;
        Labelled++;
        AbsoluteError += Math.Abs(error);
        SquaredError += error * error;
    }
}
