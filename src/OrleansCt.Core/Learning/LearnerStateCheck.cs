namespace OrleansCt.Core.Learning;

/// <summary>Whether a <see cref="LearnerState"/> fits a layout, and deep copies of states.</summary>
internal static class LearnerStateCheck
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field of the state that does not fit.</summary>
    public static void Fits(LearnerState state, FeatureEncoder encoder, int outputs, bool adaGrad)
    {
        var dimension = encoder.Dimension;
        var numeric = encoder.NumericCount;
        if (state.LayoutFingerprint != encoder.Fingerprint)
        {
            Reject($"state.LayoutFingerprint is {state.LayoutFingerprint} but the schema's layout is {encoder.Fingerprint}: the state was learned for other features, categories, hash buckets or classes");
        }

        if (state.Outputs != outputs)
        {
            Reject($"state.Outputs is {state.Outputs} but the schema needs {outputs}");
        }

        if (state.Dimension != dimension)
        {
            Reject($"state.Dimension is {state.Dimension} but the schema's layout has {dimension} inputs");
        }

        if (state.Updates < 0 || state.TargetCount < 0)
        {
            Reject("state.Updates and state.TargetCount cannot be negative");
        }

        CheckLength(nameof(state.Weights), state.Weights, outputs * dimension);
        CheckLength(nameof(state.Intercepts), state.Intercepts, outputs);
        CheckLength(nameof(state.GradSquares), state.GradSquares, adaGrad ? outputs * dimension : 0);
        CheckLength(nameof(state.InterceptGradSquares), state.InterceptGradSquares, adaGrad ? outputs : 0);
        CheckLength(nameof(state.FeatureCounts), state.FeatureCounts, numeric);
        CheckLength(nameof(state.FeatureMeans), state.FeatureMeans, numeric);
        CheckLength(nameof(state.FeatureM2), state.FeatureM2, numeric);
        CheckFinite(nameof(state.Weights), state.Weights);
        CheckFinite(nameof(state.Intercepts), state.Intercepts);
        CheckFinite(nameof(state.GradSquares), state.GradSquares);
        CheckFinite(nameof(state.InterceptGradSquares), state.InterceptGradSquares);
        CheckFinite(nameof(state.FeatureMeans), state.FeatureMeans);
        CheckSaturated(nameof(state.FeatureM2), state.FeatureM2);
        if (!double.IsFinite(state.TargetMean) || !double.IsFinite(state.TargetM2))
        {
            Reject("state.TargetMean and state.TargetM2 must be finite");
        }

        if (state.FeatureCounts.Any(c => c < 0))
        {
            Reject("state.FeatureCounts cannot be negative");
        }
    }

    public static LearnerState Copy(LearnerState s) => s with
    {
        Weights = (double[])s.Weights.Clone(),
        Intercepts = (double[])s.Intercepts.Clone(),
        GradSquares = (double[])s.GradSquares.Clone(),
        InterceptGradSquares = (double[])s.InterceptGradSquares.Clone(),
        FeatureCounts = (long[])s.FeatureCounts.Clone(),
        FeatureMeans = (double[])s.FeatureMeans.Clone(),
        FeatureM2 = (double[])s.FeatureM2.Clone(),
    };

    private static void CheckLength<T>(string name, T[]? values, int expected)
    {
        if (values is null || values.Length != expected)
        {
            Reject($"state.{name} has {values?.Length.ToString() ?? "no"} values but the schema and options need {expected}");
        }
    }

    private static void CheckFinite(string name, double[] values)
    {
        if (values.Any(v => !double.IsFinite(v)))
        {
            Reject($"state.{name} contains a value that is not a finite number");
        }
    }

    // A feature's M2 saturates at +∞ when its values span more than a double can square (RunningMoments.SafeNext): the learner makes
    // such states itself, so they must restore; NaN, −∞ and negative values it never makes.
    private static void CheckSaturated(string name, double[] values)
    {
        if (values.Any(v => !(v >= 0)))
        {
            Reject($"state.{name} contains a value that is NaN or negative");
        }
    }

    private static void Reject(string message) =>
        throw new ArgumentException(message + "; start a fresh learner with Create, or restore a state made for this schema.", "state");
}
