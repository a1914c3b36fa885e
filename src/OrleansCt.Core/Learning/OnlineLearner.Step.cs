using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansCt.Core.Learning;

/// <summary>
/// The SGD step of a row already encoded (Learn's scratch holds its raw values, inputs and active inputs). Over 400 lines as one
/// concept: the one-output and several-output steps, each schedule and the refused-step rollback work on the same scratch and must
/// stay bit for bit with each other (LearnerBitPinTests), so they are kept side by side.
/// </summary>
public sealed partial class OnlineLearner
{
    private const double AdaGradEpsilon = 1e-8;

    private readonly LearnerLoss _loss;
    private readonly LearningSchedule _schedule;
    private readonly double _alpha;
    private readonly double _eta0;

    // The optimal schedule's t0 depends on alpha only (two square roots): worked out once, not on each step.
    private readonly double _optimalT0;

    // What a step keeps until every new value is known to be finite: per output, the plain step's old numeric weights (put back if
    // the step is refused) and its active inputs' new weights, and the new intercepts; AdaGrad's new weights and sums (swapped in
    // whole) and its intercepts' new sums.
    private readonly double[] _stepped;
    private readonly double[] _steppedIntercepts;
    private readonly double[] _steppedInterceptSums;
    private readonly double[] _dense;
    private double[] _spareWeights;
    private double[] _spareGradSquares;

    /// <summary>Learn after Encode and Margins: the derivatives, the step if every new value is finite, then the moments and the count.</summary>
    private void LearnEncoded(double label)
    {
        var (targetCount, targetMean, targetM2) = (_targetCount, _targetMean, _targetM2);
        if (_classification)
        {
            ClassDerivatives((int)label);
        }
        else
        {
            if (!TryTarget(label, out var target, out targetCount, out targetMean, out targetM2))
            {
                return;
            }

            _derivatives[0] = _margins[0] - target;
        }

        var t = Updates + 1;
        if (!(_schedule == LearningSchedule.AdaGrad ? TryAdaGradStep() : TryPlainStep(t)))
        {
            return;
        }

        _features.Add(_raw);
        (_targetCount, _targetMean, _targetM2) = (targetCount, targetMean, targetM2);
        Updates = t;
    }

    /// <summary>
    /// A regression label as the learner fits it (standardised by the target's running moments after this label, when it standardises),
    /// with those moments; false when they would not be finite: a target near double.MaxValue would poison them and every later prediction.
    /// </summary>
    private bool TryTarget(double label, out double target, out long count, out double mean, out double m2)
    {
        (count, mean, m2) = RunningMoments.Next(_targetCount, _targetMean, _targetM2, label);
        target = label;
        if (!double.IsFinite(mean) || !double.IsFinite(m2))
        {
            return false;
        }

        if (_standardize)
        {
            var scale = RunningMoments.Scale(count, m2);
            target = scale > 0 ? (label - mean) / scale : 0.0;
        }

        return true;
    }

    /// <summary>d loss / d margin for each output, given the true class.</summary>
    private void ClassDerivatives(int label)
    {
        // Binary: the single margin speaks for class 1. y is +1 or -1, worked out without a branch on the label (which the
        // processor could not predict).
        if (_outputs == 1)
        {
            var y = (double)((2 * label) - 1);
            _derivatives[0] = _loss == LearnerLoss.Logistic ? Losses.LogisticDerivative(_margins[0], y) : Losses.HingeDerivative(_margins[0], y);
            return;
        }

        if (_loss == LearnerLoss.Logistic)
        {
            _margins.CopyTo(_derivatives, 0);
            Losses.Softmax(_derivatives);
            _derivatives[label] -= 1.0;
            return;
        }

        // Multiclass hinge: output k against the rest.
        for (var k = 0; k < _outputs; k++)
        {
            _derivatives[k] = Losses.HingeDerivative(_margins[k], label == k ? 1.0 : -1.0);
        }
    }

    /// <summary>
    /// Learn for one output under a plain schedule (binary and regression models): LearnEncoded, ClassDerivatives and TryPlainStep for
    /// k = 0 — the same operations in the same order — without their arrays and loops over outputs.
    /// </summary>
    private void LearnOne(double label, double margin)
    {
        var (targetCount, targetMean, targetM2) = (_targetCount, _targetMean, _targetM2);
        double dloss;
        if (_classification)
        {
            // The single margin speaks for class 1; y is +1 or -1, worked out without a branch on the label.
            var y = (double)((2 * (int)label) - 1);
            dloss = _loss == LearnerLoss.Logistic ? Losses.LogisticDerivative(margin, y) : Losses.HingeDerivative(margin, y);
        }
        else
        {
            if (!TryTarget(label, out var target, out targetCount, out targetMean, out targetM2))
            {
                return;
            }

            dloss = margin - target;
        }

        var t = Updates + 1;
        var eta = Rate(t);
        var decay = Math.Max(0.0, 1.0 - (eta * _alpha));
        var update = -(_loss == LearnerLoss.Squared ? NormalisedRate(eta) : eta) * dloss;
        var intercept = _intercepts[0] + update;
        if (!(StepWeights(0, decay, update) & double.IsFinite(intercept)))
        {
            RestoreWeights(1);
            return;
        }

        _intercepts[0] = intercept;
        CommitActive(0, decay);
        _features.Add(_raw);
        (_targetCount, _targetMean, _targetM2) = (targetCount, targetMean, targetM2);
        Updates = t;
    }

    /// <summary>
    /// w ← max(0, 1 − eta·alpha)·w − rate·dloss·x and b ← b − rate·dloss, in scikit-learn's order (the margin uses the old w);
    /// rate is eta, or for squared loss eta / (1 + eta·(||x||² + 1)). Nothing is kept unless every new value is finite.
    /// </summary>
    private bool TryPlainStep(long t)
    {
        var eta = Rate(t);
        var decay = Math.Max(0.0, 1.0 - (eta * _alpha));
        var rate = _loss == LearnerLoss.Squared ? NormalisedRate(eta) : eta;
        var finite = true;
        for (var k = 0; k < _outputs; k++)
        {
            var update = -rate * _derivatives[k];
            _steppedIntercepts[k] = _intercepts[k] + update;
            finite &= StepWeights(k, decay, update) & double.IsFinite(_steppedIntercepts[k]);
        }

        if (!finite)
        {
            RestoreWeights(_outputs);
            return false;
        }

        for (var k = 0; k < _outputs; k++)
        {
            _intercepts[k] = _steppedIntercepts[k];
            CommitActive(k, decay);
        }

        return true;
    }

    /// <summary>StepSchedule.Rate, with the optimal schedule's t0 taken from the constructor: the same expression, so the same rate bit for bit.</summary>
    private double Rate(long t) =>
        _schedule == LearningSchedule.Optimal ? 1.0 / (_alpha * (_optimalT0 + t - 1)) : StepSchedule.Rate(Options, t);

    /// <summary>
    /// The squared loss's normalised (implicit) step: with ||x||^2 counting the intercept's input 1, the residual after the step keeps
    /// its sign and shrinks, so no rate and no input scale can make it diverge.
    /// </summary>
    private double NormalisedRate(double eta)
    {
        var norm = 1.0;
        for (var j = 0; j < _numeric; j++)
        {
            norm += _inputs[j] * _inputs[j];
        }

        foreach (var input in _active)
        {
            norm += input >= 0 ? 1.0 : 0.0;
        }

        return eta / (1.0 + (eta * norm));
    }

    /// <summary>
    /// Output k's step, but for the intercept and the inactive inputs: a weight decays then takes the step, (decay·w) + (update·x), which
    /// is what decaying every weight and then adding update·x gives. The numeric weights are written at once, their old values kept in
    /// _stepped for <see cref="RestoreWeights"/>; the active inputs' new weights wait in _stepped for <see cref="CommitActive"/>.
    /// False if a new value is not finite: x·0 is 0 for a finite x and NaN otherwise, so the sum of those is NaN if any is not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool StepWeights(int k, double decay, double update)
    {
        var numeric = _numeric;
        ref var w = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_weights), k * _dimension);
        ref var kept = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stepped), k * (numeric + _active.Length));
        ref var x = ref MemoryMarshal.GetArrayDataReference(_inputs);
        var (decays, updates) = (Vector256.Create(decay), Vector256.Create(update));
        var wide = Vector256<double>.Zero;
        var check = 0.0;
        var j = 0;
        for (; j + Lanes.Width <= numeric; j += Lanes.Width)
        {
            var old = Vector256.LoadUnsafe(ref w, (nuint)j);
            old.StoreUnsafe(ref kept, (nuint)j);
            var stepped = (decays * old) + (updates * Vector256.LoadUnsafe(ref x, (nuint)j));
            stepped.StoreUnsafe(ref w, (nuint)j);
            wide += stepped * Vector256<double>.Zero;
        }

        for (; j < numeric; j++)
        {
            var old = Unsafe.Add(ref w, j);
            Unsafe.Add(ref kept, j) = old;
            var stepped = (decay * old) + (update * Unsafe.Add(ref x, j));
            Unsafe.Add(ref w, j) = stepped;
            check += stepped * 0.0;
        }

        for (var c = 0; c < _active.Length; c++)
        {
            var input = _active[c];
            if (input >= 0)
            {
                var stepped = (decay * Unsafe.Add(ref w, input)) + update;
                Unsafe.Add(ref kept, numeric + c) = stepped;
                check += stepped * 0.0;
            }
        }

        return double.IsFinite(check) && Vector256.EqualsAll(wide, wide);
    }

    /// <summary>Puts back the numeric weights of the first <paramref name="outputs"/> outputs, as they were before StepWeights.</summary>
    private void RestoreWeights(int outputs)
    {
        var block = _numeric + _active.Length;
        for (var k = 0; k < outputs; k++)
        {
            _stepped.AsSpan(k * block, _numeric).CopyTo(_weights.AsSpan(k * _dimension, _numeric));
        }
    }

    /// <summary>Decays output k's categorical weights and gives the active inputs their stepped values.</summary>
    private void CommitActive(int k, double decay)
    {
        if (_active.Length == 0)
        {
            return;
        }

        var weights = _weights.AsSpan(k * _dimension, _dimension);
        if (decay != 1.0)
        {
            Decay(weights[_numeric..], decay);
        }

        var stepped = _stepped.AsSpan((k * (_numeric + _active.Length)) + _numeric, _active.Length);
        for (var c = 0; c < _active.Length; c++)
        {
            if (_active[c] >= 0)
            {
                weights[_active[c]] = stepped[c];
            }
        }
    }

    /// <summary>
    /// Per weight: g = dloss·x + alpha·w, G ← G + g², w ← w − eta0·g / sqrt(eps + G) (a weight whose g is 0 is left as it is);
    /// the intercept the same without alpha. Nothing is stored unless every new value is finite.
    /// </summary>
    private bool TryAdaGradStep()
    {
        // AdaGrad touches every weight (the L2 term reaches inactive ones), so the inputs go dense; _dense is 0 between steps.
        var dense = _dense.AsSpan();
        _inputs.AsSpan(0, _numeric).CopyTo(dense);
        foreach (var input in _active)
        {
            if (input >= 0)
            {
                dense[input] = 1.0;
            }
        }

        var finite = true;
        for (var k = 0; k < _outputs && finite; k++)
        {
            var dloss = _derivatives[k];
            var range = (k * _dimension, _dimension);
            finite = AdaGradWeights(
                dloss,
                _weights.AsSpan(range.Item1, range.Item2),
                _gradSquares.AsSpan(range.Item1, range.Item2),
                _spareWeights.AsSpan(range.Item1, range.Item2),
                _spareGradSquares.AsSpan(range.Item1, range.Item2));
            if (dloss == 0.0)
            {
                continue;
            }

            _steppedInterceptSums[k] = _interceptGradSquares[k] + (dloss * dloss);
            _steppedIntercepts[k] = _intercepts[k] - (_eta0 * dloss / Math.Sqrt(AdaGradEpsilon + _steppedInterceptSums[k]));
            finite &= double.IsFinite(_steppedInterceptSums[k]) && double.IsFinite(_steppedIntercepts[k]);
        }

        dense[.._numeric].Clear();
        foreach (var input in _active)
        {
            if (input >= 0)
            {
                dense[input] = 0.0;
            }
        }

        if (!finite)
        {
            return false;
        }

        (_weights, _spareWeights) = (_spareWeights, _weights);
        (_gradSquares, _spareGradSquares) = (_spareGradSquares, _gradSquares);
        for (var k = 0; k < _outputs; k++)
        {
            if (_derivatives[k] != 0.0)
            {
                _interceptGradSquares[k] = _steppedInterceptSums[k];
                _intercepts[k] = _steppedIntercepts[k];
            }
        }

        return true;
    }

    /// <summary>One output's new AdaGrad weights and sums, written to the spare arrays; false if any new value is not finite.</summary>
    private bool AdaGradWeights(double dloss, ReadOnlySpan<double> weights, ReadOnlySpan<double> sums, Span<double> newWeights, Span<double> newSums)
    {
        var (losses, alphas, rates, epsilons) = (Vector256.Create(dloss), Vector256.Create(_alpha), Vector256.Create(_eta0), Vector256.Create(AdaGradEpsilon));
        ref var x = ref MemoryMarshal.GetArrayDataReference(_dense);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var g2 = ref MemoryMarshal.GetReference(sums);
        ref var nw = ref MemoryMarshal.GetReference(newWeights);
        ref var ng2 = ref MemoryMarshal.GetReference(newSums);
        var wide = Vector256<double>.Zero;
        var j = 0;
        for (; j + Lanes.Width <= weights.Length; j += Lanes.Width)
        {
            var at = (nuint)j;
            var weight = Vector256.LoadUnsafe(ref w, at);
            var sum = Vector256.LoadUnsafe(ref g2, at);
            var g = (losses * Vector256.LoadUnsafe(ref x, at)) + (alphas * weight);
            var moved = ~Vector256.Equals(g, Vector256<double>.Zero);
            var newSum = sum + (g * g);
            var newWeight = weight - (rates * g / Vector256.Sqrt(epsilons + newSum));
            wide += ((newSum * Vector256<double>.Zero) + (newWeight * Vector256<double>.Zero)) & moved;
            Lanes.Select(moved, newSum, sum).StoreUnsafe(ref ng2, at);
            Lanes.Select(moved, newWeight, weight).StoreUnsafe(ref nw, at);
        }

        var finite = Vector256.EqualsAll(wide, wide);
        for (; j < weights.Length; j++)
        {
            var g = (dloss * _dense[j]) + (_alpha * weights[j]);
            if (g == 0.0)
            {
                (newSums[j], newWeights[j]) = (sums[j], weights[j]);
                continue;
            }

            newSums[j] = sums[j] + (g * g);
            newWeights[j] = weights[j] - (_eta0 * g / Math.Sqrt(AdaGradEpsilon + newSums[j]));
            finite &= double.IsFinite(newSums[j]) && double.IsFinite(newWeights[j]);
        }

        return finite;
    }

    /// <summary>w ← decay·w for each weight, four at a time.</summary>
    private static void Decay(Span<double> weights, double decay)
    {
        var decays = Vector256.Create(decay);
        ref var w = ref MemoryMarshal.GetReference(weights);
        var j = 0;
        for (; j + Lanes.Width <= weights.Length; j += Lanes.Width)
        {
            (Vector256.LoadUnsafe(ref w, (nuint)j) * decays).StoreUnsafe(ref w, (nuint)j);
        }

        for (; j < weights.Length; j++)
        {
            weights[j] *= decay;
        }
    }
}
