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
/// </remarks>
public sealed class OnlineLearner
{
    private const int StackLimit = 256;
    private const double AdaGradEpsilon = 1e-8;

    private readonly ModelSchema _schema;
    private readonly FeatureEncoder _encoder;
    private readonly int _outputs;
    private readonly int _width;
    private readonly double[] _weights;
    private readonly double[] _intercepts;
    private readonly double[] _gradSquares;
    private readonly double[] _interceptGradSquares;
    private readonly RunningMoments _features;
    private long _targetCount;
    private double _targetMean;
    private double _targetM2;

    // Scratch for Learn, which is single-threaded by contract.
    private readonly double[] _inputs;
    private readonly int[] _active;
    private readonly double[] _margins;
    private readonly double[] _derivatives;
    private readonly double[] _dense;

    // The optimal schedule's t0 depends on alpha only (two square roots): worked out once, not on each step.
    private readonly double _optimalT0;

    private OnlineLearner(ModelSchema schema, ResolvedLearnerOptions options, FeatureEncoder encoder, LearnerState state)
    {
        _schema = schema;
        Options = options;
        _encoder = encoder;
        _width = schema.PredictionWidth;
        _outputs = state.Outputs;
        _weights = state.Weights;
        _intercepts = state.Intercepts;
        _gradSquares = state.GradSquares;
        _interceptGradSquares = state.InterceptGradSquares;
        _features = new RunningMoments(state.FeatureCounts, state.FeatureMeans, state.FeatureM2);
        _targetCount = state.TargetCount;
        _targetMean = state.TargetMean;
        _targetM2 = state.TargetM2;
        Updates = state.Updates;
        _inputs = new double[encoder.NumericCount];
        _active = new int[encoder.CategoricalCount];
        _margins = new double[_outputs];
        _derivatives = new double[_outputs];
        _dense = options.Schedule == LearningSchedule.AdaGrad ? new double[encoder.Dimension] : [];
        _optimalT0 = options.Schedule == LearningSchedule.Optimal ? StepSchedule.OptimalT0(options.Alpha) : double.NaN;
    }

    /// <summary>The options in force, after defaults.</summary>
    public ResolvedLearnerOptions Options { get; }

    /// <summary>Rows learned so far.</summary>
    public long Updates { get; private set; }

    /// <summary>Inputs per weight vector (numeric features plus categorical slots).</summary>
    public int Dimension => _encoder.Dimension;

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
        _encoder.Dimension,
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
        if (output.Length != _width)
        {
            throw new ArgumentException($"output has {output.Length} values but a prediction of this model has {_width}.", nameof(output));
        }

        var numeric = _encoder.NumericCount;
        var categorical = _encoder.CategoricalCount;
        Span<double> inputs = numeric <= StackLimit ? stackalloc double[numeric] : new double[numeric];
        Span<int> active = categorical <= StackLimit ? stackalloc int[categorical] : new int[categorical];
        Span<double> margins = _outputs <= StackLimit ? stackalloc double[_outputs] : new double[_outputs];
        Encode(batch, row, inputs, active);
        Margins(inputs, active, margins);
        WriteOutput(margins, output);
    }

    /// <summary>Predictions of every row of a batch.</summary>
    public Predictions PredictAll(EventBatch batch)
    {
        var scores = new double[batch.Count * _width];
        for (var row = 0; row < batch.Count; row++)
        {
            Predict(batch, row, scores.AsSpan(row * _width, _width));
        }

        return new Predictions(_width, scores);
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

        if (_schema.IsClassification && (label < 0 || label >= _width || label != Math.Floor(label)))
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"a class index from 0 to {_width - 1} was expected.");
        }

        Encode(batch, row, _inputs, _active);
        Margins(_inputs, _active, _margins);

        var (targetCount, targetMean, targetM2) = (_targetCount, _targetMean, _targetM2);
        if (_schema.IsClassification)
        {
            ClassDerivatives((int)label);
        }
        else
        {
            var target = label;
            (targetCount, targetMean, targetM2) = RunningMoments.Next(_targetCount, _targetMean, _targetM2, label);
            if (!double.IsFinite(targetMean) || !double.IsFinite(targetM2))
            {
                // A target near double.MaxValue would poison the moments and every later prediction.
                return;
            }

            if (Options.Standardize)
            {
                var scale = RunningMoments.Scale(targetCount, targetM2);
                target = scale > 0 ? (label - targetMean) / scale : 0.0;
            }

            _derivatives[0] = _margins[0] - target;
        }

        var t = Updates + 1;
        var stepped = Options.Schedule == LearningSchedule.AdaGrad ? TryAdaGradStep(apply: false) : TryPlainStep(t, apply: false);
        if (!stepped)
        {
            return;
        }

        if (Options.Schedule == LearningSchedule.AdaGrad)
        {
            TryAdaGradStep(apply: true);
        }
        else
        {
            TryPlainStep(t, apply: true);
        }

        var columns = batch.Numeric;
        for (var j = 0; j < _encoder.NumericCount; j++)
        {
            var x = columns[j][row];
            if (double.IsFinite(x))
            {
                _features.Add(j, x);
            }
        }

        (_targetCount, _targetMean, _targetM2) = (targetCount, targetMean, targetM2);
        Updates = t;
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

    /// <summary>Standardised numeric inputs (0 for missing) and the input each categorical value switches on.</summary>
    private void Encode(EventBatch batch, int row, Span<double> inputs, Span<int> active)
    {
        if (batch.Numeric.Length != inputs.Length || batch.Categorical.Length != active.Length)
        {
            throw new ArgumentException(
                $"the batch has {batch.Numeric.Length} numeric and {batch.Categorical.Length} categorical columns; the schema has {inputs.Length} and {active.Length}.",
                nameof(batch));
        }

        var standardize = Options.Standardize;
        var columns = batch.Numeric;
        for (var j = 0; j < inputs.Length; j++)
        {
            var x = columns[j][row];
            inputs[j] = !double.IsFinite(x) ? 0.0 : standardize ? _features.Standardize(j, x) : x;
        }

        var categorical = batch.Categorical;
        for (var c = 0; c < active.Length; c++)
        {
            active[c] = _encoder.ActiveInput(c, categorical[c][row]);
        }
    }

    private void Margins(ReadOnlySpan<double> inputs, ReadOnlySpan<int> active, Span<double> margins)
    {
        var dimension = _encoder.Dimension;
        for (var k = 0; k < margins.Length; k++)
        {
            var w = _weights.AsSpan(k * dimension, dimension);
            var m = _intercepts[k];
            for (var j = 0; j < inputs.Length; j++)
            {
                m += w[j] * inputs[j];
            }

            foreach (var input in active)
            {
                if (input >= 0)
                {
                    m += w[input];
                }
            }

            margins[k] = m;
        }
    }

    private void WriteOutput(ReadOnlySpan<double> margins, Span<double> output)
    {
        if (!_schema.IsClassification)
        {
            output[0] = Options.Standardize
                ? _targetMean + (RunningMoments.Scale(_targetCount, _targetM2) * margins[0])
                : margins[0];
            return;
        }

        if (_outputs == 1)
        {
            var p = Losses.Sigmoid(margins[0]);
            output[0] = 1.0 - p;
            output[1] = p;
            return;
        }

        margins.CopyTo(output);
        if (Options.Loss == LearnerLoss.Log)
        {
            Losses.Softmax(output);
            return;
        }

        var sum = 0.0;
        for (var k = 0; k < output.Length; k++)
        {
            output[k] = Losses.Sigmoid(output[k]);
            sum += output[k];
        }

        for (var k = 0; k < output.Length; k++)
        {
            output[k] /= sum;
        }
    }

    /// <summary>d loss / d margin for each output, given the true class.</summary>
    private void ClassDerivatives(int label)
    {
        if (_outputs > 1 && Options.Loss == LearnerLoss.Log)
        {
            _margins.CopyTo(_derivatives, 0);
            Losses.Softmax(_derivatives);
            _derivatives[label] -= 1.0;
            return;
        }

        // Binary: the single margin speaks for class 1. Multiclass hinge: output k against the rest.
        for (var k = 0; k < _outputs; k++)
        {
            var y = _outputs == 1 ? (label == 1 ? 1.0 : -1.0) : (label == k ? 1.0 : -1.0);
            _derivatives[k] = Options.Loss == LearnerLoss.Log
                ? Losses.LogDerivative(_margins[k], y)
                : Losses.HingeDerivative(_margins[k], y);
        }
    }

    /// <summary>
    /// w ← max(0, 1 − eta·alpha)·w − rate·dloss·x and b ← b − rate·dloss, in scikit-learn's order (the margin uses the old w);
    /// rate is eta, or for squared loss eta / (1 + eta·(||x||² + 1)).
    /// With apply false it only checks that every new value would be finite.
    /// </summary>
    private bool TryPlainStep(long t, bool apply)
    {
        // StepSchedule.Rate, with the optimal schedule's t0 taken from the constructor: the same expression, so the same rate bit for bit.
        var eta = Options.Schedule == LearningSchedule.Optimal ? 1.0 / (Options.Alpha * (_optimalT0 + t - 1)) : StepSchedule.Rate(Options, t);
        var decay = Math.Max(0.0, 1.0 - (eta * Options.Alpha));
        var rate = eta;
        if (Options.Loss == LearnerLoss.Squared)
        {
            // Normalised (implicit) step: with ||x||^2 counting the intercept's input 1, the residual after
            // the step keeps its sign and shrinks, so no rate and no input scale can make it diverge.
            var norm = 1.0;
            foreach (var x in _inputs)
            {
                norm += x * x;
            }

            foreach (var input in _active)
            {
                norm += input >= 0 ? 1.0 : 0.0;
            }

            rate = eta / (1.0 + (eta * norm));
        }

        var dimension = _encoder.Dimension;
        for (var k = 0; k < _outputs; k++)
        {
            var update = -rate * _derivatives[k];
            var w = _weights.AsSpan(k * dimension, dimension);
            var intercept = _intercepts[k] + update;
            if (!apply)
            {
                if (!double.IsFinite(intercept))
                {
                    return false;
                }

                for (var j = 0; j < _inputs.Length; j++)
                {
                    if (!double.IsFinite((decay * w[j]) + (update * _inputs[j])))
                    {
                        return false;
                    }
                }

                foreach (var input in _active)
                {
                    if (input >= 0 && !double.IsFinite((decay * w[input]) + update))
                    {
                        return false;
                    }
                }

                continue;
            }

            if (decay != 1.0)
            {
                for (var j = 0; j < w.Length; j++)
                {
                    w[j] *= decay;
                }
            }

            for (var j = 0; j < _inputs.Length; j++)
            {
                w[j] += update * _inputs[j];
            }

            foreach (var input in _active)
            {
                if (input >= 0)
                {
                    w[input] += update;
                }
            }

            _intercepts[k] = intercept;
        }

        return true;
    }

    /// <summary>
    /// Per weight: g = dloss·x + alpha·w, G ← G + g², w ← w − eta0·g / sqrt(eps + G); the intercept the same without alpha.
    /// With apply false it only checks that every new value would be finite.
    /// </summary>
    private bool TryAdaGradStep(bool apply)
    {
        var eta0 = Options.Eta0;
        var alpha = Options.Alpha;
        var dimension = _encoder.Dimension;

        // AdaGrad touches every weight (the L2 term reaches inactive ones), so the inputs go dense.
        var dense = _dense.AsSpan();
        dense.Clear();
        _inputs.CopyTo(dense);
        foreach (var input in _active)
        {
            if (input >= 0)
            {
                dense[input] = 1.0;
            }
        }

        for (var k = 0; k < _outputs; k++)
        {
            var dloss = _derivatives[k];
            var w = _weights.AsSpan(k * dimension, dimension);
            var sums = _gradSquares.AsSpan(k * dimension, dimension);
            for (var j = 0; j < dimension; j++)
            {
                var g = (dloss * dense[j]) + (alpha * w[j]);
                if (g == 0.0)
                {
                    continue;
                }

                var sum = sums[j] + (g * g);
                var weight = w[j] - (eta0 * g / Math.Sqrt(AdaGradEpsilon + sum));
                if (!apply)
                {
                    if (!double.IsFinite(sum) || !double.IsFinite(weight))
                    {
                        return false;
                    }

                    continue;
                }

                sums[j] = sum;
                w[j] = weight;
            }

            if (dloss == 0.0)
            {
                continue;
            }

            var interceptSum = _interceptGradSquares[k] + (dloss * dloss);
            var intercept = _intercepts[k] - (eta0 * dloss / Math.Sqrt(AdaGradEpsilon + interceptSum));
            if (!apply)
            {
                if (!double.IsFinite(interceptSum) || !double.IsFinite(intercept))
                {
                    return false;
                }

                continue;
            }

            _interceptGradSquares[k] = interceptSum;
            _intercepts[k] = intercept;
        }

        return true;
    }
}
