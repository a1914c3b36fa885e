using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Learning;

/// <summary>An online linear model (SGD; log, hinge or squared loss; L2), used test-then-train: predict a row, then learn its label.</summary>
/// <remarks>
/// Binary: one weight vector, P(class 1) = sigmoid(margin). Multiclass: one vector per class; log loss is
/// softmax, hinge is one-vs-rest (as scikit-learn), whose probabilities are sigmoid(margin_k) normalised to sum 1.
/// Numeric inputs are standardised with the running mean and population variance seen before the row
/// (a missing value counts as the mean; a feature with no spread yet contributes 0).
/// Regression guards against the raw-target divergence (housing: targets up to 5e5) twice: squared loss takes the
/// normalised step rate = eta / (1 + eta (||x||^2 + 1)), the exact minimiser of the row's loss plus a proximity
/// term, which cannot overshoot whatever the scale; and with Standardize the target is standardised online too
/// (moments including the row being learned), so rates mean the same for any unit. AdaGrad keeps its own rates.
/// An update that would make any value non-finite is skipped whole. No clock, no randomness: the same rows in
/// the same order give bit-identical state. Predict may run on many threads; Learn must not overlap anything.
/// Element-wise work (standardising, the moments, the weight steps) runs in vector lanes, each lane doing the scalar
/// operations on the same operands (no fused multiply-add), and every sum keeps its order; so the state and the
/// predictions are bit for bit those of the one-value-at-a-time learner (pinned by LearnerBitPinTests).
/// </remarks>
public sealed partial class OnlineLearner
{
    private const int StackLimit = 256;

    private readonly ModelSchema _schema;
    private readonly FeatureEncoder _encoder;
    private readonly int _outputs;
    private readonly int _width;
    private readonly int _numeric;
    private readonly int _dimension;
    private readonly bool _classification;
    private readonly bool _standardize;

    // One output and a plain schedule (binary and regression models unless they choose AdaGrad): Learn takes LearnOne's path.
    private readonly bool _plainOne;
    private readonly double[] _intercepts;
    private readonly double[] _interceptGradSquares;
    private readonly RunningMoments _features;
    private double[] _weights;
    private double[] _gradSquares;
    private long _targetCount;
    private double _targetMean;
    private double _targetM2;

    // Scratch for Learn, which is single-threaded by contract: the row's raw values (padded with NaN, which the moments skip),
    // its inputs, the input each categorical value switches on, the margins and d loss / d margin.
    private readonly double[] _raw;
    private readonly double[] _inputs;
    private readonly int[] _active;
    private readonly double[] _margins;
    private readonly double[] _derivatives;

    private OnlineLearner(ModelSchema schema, ResolvedLearnerOptions options, FeatureEncoder encoder, LearnerState state)
    {
        _schema = schema;
        Options = options;
        _encoder = encoder;
        _width = schema.PredictionWidth;
        _outputs = state.Outputs;
        _numeric = encoder.NumericCount;
        _dimension = encoder.Dimension;
        _classification = schema.IsClassification;
        _standardize = options.Standardize;
        _plainOne = _outputs == 1 && options.Schedule != LearningSchedule.AdaGrad;
        _weights = state.Weights;
        _intercepts = state.Intercepts;
        _gradSquares = state.GradSquares;
        _interceptGradSquares = state.InterceptGradSquares;
        _features = new RunningMoments(state.FeatureCounts, state.FeatureMeans, state.FeatureM2);
        _targetCount = state.TargetCount;
        _targetMean = state.TargetMean;
        _targetM2 = state.TargetM2;
        Updates = state.Updates;
        _raw = new double[_features.Padded];
        _raw.AsSpan().Fill(double.NaN);
        _inputs = new double[_features.Padded];
        _active = new int[encoder.CategoricalCount];
        _margins = new double[_outputs];
        _derivatives = new double[_outputs];
        (_loss, _schedule, _alpha, _eta0) = (options.Loss, options.Schedule, options.Alpha, options.Eta0);
        _optimalT0 = _schedule == LearningSchedule.Optimal ? StepSchedule.OptimalT0(_alpha) : double.NaN;
        _stepped = new double[_outputs * (_numeric + encoder.CategoricalCount)];
        _steppedIntercepts = new double[_outputs];
        var adaGrad = _schedule == LearningSchedule.AdaGrad;
        _dense = adaGrad ? new double[_dimension] : [];
        _spareWeights = adaGrad ? new double[_weights.Length] : [];
        _spareGradSquares = adaGrad ? new double[_weights.Length] : [];
        _steppedInterceptSums = adaGrad ? new double[_outputs] : [];
    }

    /// <summary>The options in force, after defaults.</summary>
    public ResolvedLearnerOptions Options { get; }

    /// <summary>Rows learned so far.</summary>
    public long Updates { get; private set; }

    /// <summary>Inputs per weight vector (numeric features plus categorical slots).</summary>
    public int Dimension => _dimension;

    /// <summary>A learner with zero weights and no statistics; throws <see cref="ArgumentException"/> on invalid options.</summary>
    public static OnlineLearner Create(ModelSchema schema)
    {
        var options = LearnerOptionsResolver.Resolve(schema);
        var encoder = new FeatureEncoder(schema, options);
        var outputs = OutputsOf(schema);
        var dimension = encoder.Dimension;
        var adaGrad = options.Schedule == LearningSchedule.AdaGrad;
        var numeric = encoder.NumericCount;
        var state = new LearnerState(
            encoder.Fingerprint,
            outputs,
            dimension,
            0,
            new double[outputs * dimension],
            new double[outputs],
            adaGrad ? new double[outputs * dimension] : [],
            adaGrad ? new double[outputs] : [],
            new long[numeric],
            new double[numeric],
            new double[numeric],
            0,
            0,
            0);
        return new OnlineLearner(schema, options, encoder, state);
    }

    /// <summary>A learner continuing from a checkpoint; throws <see cref="ArgumentException"/> naming what does not fit the schema.</summary>
    public static OnlineLearner Restore(ModelSchema schema, LearnerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var options = LearnerOptionsResolver.Resolve(schema);
        var encoder = new FeatureEncoder(schema, options);
        var outputs = OutputsOf(schema);
        var adaGrad = options.Schedule == LearningSchedule.AdaGrad;
        LearnerStateCheck.Fits(state, encoder, outputs, adaGrad);
        return new OnlineLearner(schema, options, encoder, LearnerStateCheck.Copy(state));
    }

    /// <summary>A deep copy of everything learned, sharing no array with this learner.</summary>
    public LearnerState ExportState() => LearnerStateCheck.Copy(new LearnerState(
        _encoder.Fingerprint,
        _outputs,
        _dimension,
        Updates,
        _weights,
        _intercepts,
        _gradSquares,
        _interceptGradSquares,
        _features.Counts,
        _features.Means,
        _features.M2,
        _targetCount,
        _targetMean,
        _targetM2));

    /// <summary>An independent learner in the same state.</summary>
    public OnlineLearner Clone() => new(_schema, Options, _encoder, ExportState());

    /// <summary>Writes the prediction of one row: class probabilities (binary: [P(class 0), P(class 1)]) or one value.</summary>
    public void Predict(EventBatch batch, int row, Span<double> output)
    {
        CheckOutput(output.Length, nameof(output));
        CheckShape(batch);
        var padded = _features.Padded;
        var categorical = _active.Length;
        Span<double> raw = padded <= StackLimit ? stackalloc double[padded] : new double[padded];
        Span<double> inputs = padded <= StackLimit ? stackalloc double[padded] : new double[padded];
        Span<int> active = categorical <= StackLimit ? stackalloc int[categorical] : new int[categorical];
        Span<double> margins = _outputs <= StackLimit ? stackalloc double[_outputs] : new double[_outputs];
        Encode(batch, row, raw, inputs, active);
        Margins(inputs, active, margins);
        WriteOutput(margins, output);
    }

    /// <summary>
    /// One SGD step on a labelled row: label is a class index or a value; a NaN or infinite label is a missing one and is ignored.
    /// </summary>
    public void Learn(EventBatch batch, int row, double label)
    {
        if (!double.IsFinite(label))
        {
            return;
        }

        CheckLabel(label);
        CheckShape(batch);
        Encode(batch, row, _raw, _inputs, _active);
        if (_plainOne)
        {
            LearnOne(label, Margin(0, _inputs, _active));
            return;
        }

        Margins(_inputs, _active, _margins);
        LearnEncoded(label);
    }

    /// <summary>
    /// Predicts each row into <paramref name="scores"/> (width values a row) and learns each row whose label is not NaN right after:
    /// the same as Predict then Learn row by row, encoding each row once. Learn sees the inputs and margins that Predict computed,
    /// because both read the moments and weights as they stand before the row; only the step changes them.
    /// </summary>
    internal void PredictThenLearn(EventBatch batch, Span<double> scores, int width)
    {
        if (batch.Count == 0)
        {
            return;
        }

        CheckOutput(width, "output");
        CheckShape(batch);
        var labels = batch.Labels;
        for (var row = 0; row < batch.Count; row++)
        {
            Encode(batch, row, _raw, _inputs, _active);
            Margins(_inputs, _active, _margins);
            WriteOutput(_margins, scores.Slice(row * width, width));
            if (labels is null || !double.IsFinite(labels[row]))
            {
                continue;
            }

            CheckLabel(labels[row]);
            if (_plainOne)
            {
                LearnOne(labels[row], _margins[0]);
            }
            else
            {
                LearnEncoded(labels[row]);
            }
        }
    }

    private static int OutputsOf(ModelSchema schema)
    {
        var classes = schema.Definition.Classes.Count;
        return schema.Task switch
        {
            ModelTask.Regression => 1,
            ModelTask.Binary when classes == 2 => 1,
            ModelTask.Multiclass when classes >= 2 => classes,
            _ => throw new ArgumentException(
                $"classes: a {schema.Task} model needs {(schema.Task == ModelTask.Binary ? "exactly 2" : "at least 2")} classes, it has {classes}.",
                nameof(schema)),
        };
    }

    private void CheckOutput(int length, string name)
    {
        if (length != _width)
        {
            throw new ArgumentException($"output has {length} values but a prediction of this model has {_width}.", name);
        }
    }

    private void CheckShape(EventBatch batch)
    {
        if (batch.Numeric.Length != _numeric || batch.Categorical.Length != _active.Length)
        {
            throw new ArgumentException(
                $"the batch has {batch.Numeric.Length} numeric and {batch.Categorical.Length} categorical columns; the schema has {_numeric} and {_active.Length}.",
                nameof(batch));
        }
    }

    private void CheckLabel(double label)
    {
        if (_classification && (label < 0 || label >= _width || label != Math.Floor(label)))
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"a class index from 0 to {_width - 1} was expected.");
        }
    }

    /// <summary>The row's raw numeric values, its inputs (standardised, 0 for missing) and the input each categorical value switches on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Encode(EventBatch batch, int row, Span<double> raw, Span<double> inputs, Span<int> active)
    {
        // Gathered straight into whole vector blocks, the lanes past the last feature NaN (skipped by the moments, input 0), and
        // standardised as gathered.
        var columns = batch.Numeric;
        ref var x = ref MemoryMarshal.GetReference(raw[.._features.Padded]);
        ref var z = ref MemoryMarshal.GetReference(inputs[.._features.Padded]);
        var f = 0;
        for (; f + Lanes.Width <= _numeric; f += Lanes.Width)
        {
            var v = Vector256.Create(columns[f][row], columns[f + 1][row], columns[f + 2][row], columns[f + 3][row]);
            v.StoreUnsafe(ref x, (nuint)f);
            _features.Standardize(f, v, _standardize).StoreUnsafe(ref z, (nuint)f);
        }

        if (f < _numeric)
        {
            var v = Vector256.Create(
                columns[f][row],
                f + 1 < _numeric ? columns[f + 1][row] : double.NaN,
                f + 2 < _numeric ? columns[f + 2][row] : double.NaN,
                double.NaN);
            v.StoreUnsafe(ref x, (nuint)f);
            _features.Standardize(f, v, _standardize).StoreUnsafe(ref z, (nuint)f);
        }

        var categorical = batch.Categorical;
        for (var c = 0; c < active.Length; c++)
        {
            active[c] = _encoder.ActiveInput(c, categorical[c][row]);
        }
    }

    /// <summary>Per output: intercept, then + w_j·x_j for the numeric inputs in order, then + w of each active input, left to right.</summary>
    private void Margins(ReadOnlySpan<double> inputs, ReadOnlySpan<int> active, Span<double> margins)
    {
        for (var k = 0; k < margins.Length; k++)
        {
            margins[k] = Margin(k, inputs, active);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Margin(int k, ReadOnlySpan<double> inputs, ReadOnlySpan<int> active)
    {
        ref var x = ref MemoryMarshal.GetReference(inputs[.._numeric]);
        ref var w = ref MemoryMarshal.GetReference(_weights.AsSpan(k * _dimension, _dimension));
        var m = _intercepts[k];
        for (var j = 0; j < _numeric; j++)
        {
            m += Unsafe.Add(ref w, j) * Unsafe.Add(ref x, j);
        }

        foreach (var input in active)
        {
            if (input >= 0)
            {
                m += Unsafe.Add(ref w, input);
            }
        }

        return m;
    }

    /// <summary>
    /// The scores of one row's margins, finite whatever the inputs. A margin an overflowed input made NaN is the undecided margin 0 for
    /// binary and one-vs-rest scores (that row's step is refused anyway), and a regression score beyond a double is ±double.MaxValue.
    /// Multiclass probabilities sum to 1: a softmax row with a margin beyond a double follows <see cref="Losses.SoftmaxOfExtremes"/>
    /// (NaN anywhere: every class alike; +∞: the classes at +∞ share it), and one-vs-rest sigmoids that all underflow become that softmax.
    /// </summary>
    private void WriteOutput(ReadOnlySpan<double> margins, Span<double> output)
    {
        if (!_classification)
        {
            var score = _standardize
                ? _targetMean + (RunningMoments.Scale(_targetCount, _targetM2) * Decided(margins[0]))
                : Decided(margins[0]);
            output[0] = Math.Clamp(score, -double.MaxValue, double.MaxValue);
            return;
        }

        if (_outputs == 1)
        {
            var p = Losses.Sigmoid(Decided(margins[0]));
            output[0] = 1.0 - p;
            output[1] = p;
            return;
        }

        if (_loss == LearnerLoss.Logistic)
        {
            // Finite margins take the softmax as it always was (bit for bit); only a row with a margin beyond a double takes the other path.
            if (Losses.AllFinite(margins))
            {
                margins.CopyTo(output);
                Losses.Softmax(output);
            }
            else
            {
                Losses.SoftmaxOfExtremes(margins, output);
            }

            return;
        }

        // One-vs-rest: each output is a binary classifier, so a NaN margin is its undecided margin 0, as in the binary case.
        var sum = 0.0;
        for (var k = 0; k < output.Length; k++)
        {
            output[k] = Losses.Sigmoid(Decided(margins[k]));
            sum += output[k];
        }

        if (sum == 0)
        {
            // Every sigmoid underflowed (every margin below about −745, or −∞). There σ(m) = e^m to within a double, so the normalised
            // sigmoids are the softmax of the margins, which the shift by the largest keeps representable.
            Losses.SoftmaxOfExtremes(margins, output);
            return;
        }

        for (var k = 0; k < output.Length; k++)
        {
            output[k] /= sum;
        }
    }

    private static double Decided(double margin) => double.IsNaN(margin) ? 0.0 : margin;
}
