using MathNet.Numerics.LinearAlgebra;

namespace OrleansCt.Core.Drift.Multivariate;

/// <summary>
/// NannyML's multivariate drift by data reconstruction with PCA, computed from <see cref="CoMoments"/> alone: rows standardized by the
/// reference mean and population std, PCA of the reference correlation matrix, and a window scored by the root mean squared
/// reconstruction error sqrt(E‖(I−P)z‖²) of its standardized rows z. NannyML prints the mean of ‖(I−P)z‖ instead, which needs the rows;
/// the root mean square needs only second moments, so it merges across buckets, and it is never below NannyML's value.
/// </summary>
public sealed class PcaReconstruction
{
    /// <summary>NannyML's default share of the reference variance the kept components must explain.</summary>
    public const double DefaultVarianceToKeep = 0.65;

    private readonly int[] _features;
    private readonly double[] _means;
    private readonly double[] _stds;
    private readonly double[][] _components;
    private readonly double[] _explained;

    private PcaReconstruction(PcaReconstructionState s)
    {
        (Dimensions, VarianceToKeep) = (s.Dimensions, s.VarianceToKeep);
        _features = (int[])s.Features.Clone();
        _means = (double[])s.Means.Clone();
        _stds = (double[])s.Stds.Clone();
        _components = s.Components.Select(c => (double[])c.Clone()).ToArray();
        _explained = (double[])s.ExplainedVariance.Clone();
        Features = Array.AsReadOnly(_features);
        DroppedFeatures = Enumerable.Range(0, Dimensions).Except(_features).ToArray().AsReadOnly();
        Components = _components.Select(c => (IReadOnlyList<double>)c.AsReadOnly()).ToArray().AsReadOnly();
        ExplainedVariance = _explained.AsReadOnly();
    }

    /// <summary>Values per row the model expects (the reference's dimensions, dropped features included).</summary>
    public int Dimensions { get; }

    public double VarianceToKeep { get; }

    /// <summary>Indices of the features in the model, ascending; the components' entries follow this order.</summary>
    public IReadOnlyList<int> Features { get; }

    /// <summary>Indices of the features left out because their reference variance is zero (they cannot be standardized); a window's values there are ignored.</summary>
    public IReadOnlyList<int> DroppedFeatures { get; }

    /// <summary>The kept unit eigenvectors of the reference correlation matrix, largest eigenvalue first, each over <see cref="Features"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Components { get; }

    /// <summary>Share of the reference variance each kept component explains (scikit-learn's explained_variance_ratio_); their sum reaches <see cref="VarianceToKeep"/>.</summary>
    public IReadOnlyList<double> ExplainedVariance { get; }

    /// <summary>Fits the model to the reference, keeping the fewest components whose explained variance reaches <paramref name="varianceToKeep"/> (to 1e-12, for rounding).</summary>
    public static PcaReconstruction Fit(CoMoments reference, double varianceToKeep = DefaultVarianceToKeep)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!(varianceToKeep is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(varianceToKeep), varianceToKeep, "the share of variance to keep must be above 0 and at most 1.");
        }

        // A variance of denormals has a standard deviation that underflows to 0, and a saturated one is +∞: such a feature cannot be
        // standardized either.
        var features = Enumerable.Range(0, reference.Dimensions)
            .Where(f => Math.Sqrt(reference.CoMoment(f, f) / reference.Count) is var std && std > 0 && double.IsFinite(std)).ToArray();
        if (features.Length == 0)
        {
            throw new ArgumentException($"the reference's {reference.Count} row(s) have no feature with non-zero variance, so there is nothing to model; use a larger reference.", nameof(reference));
        }

        var k = features.Length;
        var correlation = Matrix<double>.Build.Dense(k, k, (a, b) => a == b ? 1.0
            : reference.CoMoment(features[a], features[b]) / Math.Sqrt(reference.CoMoment(features[a], features[a]) * reference.CoMoment(features[b], features[b])));
        if (!correlation.Enumerate().All(double.IsFinite))
        {
            // Co-moments saturated by values near ±double.MaxValue (which CoMoments keeps, so its state stays readable) give no
            // correlation, and MathNet's eigen-decomposition fails on NaN: no model, as for a reference without spread.
            throw new ArgumentException($"the reference's co-moments overflow a double (values near ±{double.MaxValue:G3}), so their correlations are unknown; use a reference of ordinary values.", nameof(reference));
        }

        var evd = correlation.Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Select(e => Math.Max(0, e.Real)).ToArray();
        var total = eigenvalues.Sum();
        var components = new List<double[]>();
        var explained = new List<double>();
        foreach (var i in Enumerable.Range(0, k).OrderByDescending(i => eigenvalues[i]))
        {
            components.Add(evd.EigenVectors.Column(i).ToArray());
            explained.Add(eigenvalues[i] / total);
            if (explained.Sum() >= varianceToKeep - 1e-12)
            {
                break;
            }
        }

        var means = features.Select(f => reference.Mean[f]).ToArray();
        var stds = features.Select(f => Math.Sqrt(reference.CoMoment(f, f) / reference.Count)).ToArray();
        return new PcaReconstruction(new PcaReconstructionState(reference.Dimensions, varianceToKeep, features, means, stds, [.. components], [.. explained]));
    }

    /// <summary>
    /// Root mean squared reconstruction error of the window's standardized rows, from its co-moments: with E[zzᵀ] = S⁻¹(C/n + (μ−m)(μ−m)ᵀ)S⁻¹,
    /// E‖(I−P)z‖² = trace(E[zzᵀ]) − Σ over kept components v of vᵀE[zzᵀ]v. NaN when the window is empty. Being a difference of
    /// second moments, the square is accurate to about 1e-16 of trace(E[zzᵀ]), so an error near zero is resolved only to about 1e-8.
    /// </summary>
    public double Error(CoMoments window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Dimensions != Dimensions)
        {
            throw new ArgumentException($"the window has {window.Dimensions} dimensions but the model was fitted on {Dimensions}.", nameof(window));
        }

        if (window.Count == 0)
        {
            return double.NaN;
        }

        var k = _features.Length;
        var shift = new double[k];
        for (var a = 0; a < k; a++)
        {
            shift[a] = window.Mean[_features[a]] - _means[a];
        }

        var second = new double[k, k];
        var residual = 0.0;
        for (var a = 0; a < k; a++)
        {
            for (var b = a; b < k; b++)
            {
                var value = ((window.CoMoment(_features[a], _features[b]) / window.Count) + (shift[a] * shift[b])) / (_stds[a] * _stds[b]);
                second[a, b] = second[b, a] = value;
            }

            residual += second[a, a];
        }

        foreach (var v in _components)
        {
            for (var a = 0; a < k; a++)
            {
                for (var b = 0; b < k; b++)
                {
                    residual -= v[a] * second[a, b] * v[b];
                }
            }
        }

        // Rounding can leave a tiny negative where the window lies in the kept subspace.
        return Math.Sqrt(Math.Max(0, residual));
    }

    public PcaReconstructionState ToState() => new(Dimensions, VarianceToKeep, (int[])_features.Clone(), (double[])_means.Clone(), (double[])_stds.Clone(),
        _components.Select(c => (double[])c.Clone()).ToArray(), (double[])_explained.Clone());

    /// <summary>Restores a model made by <see cref="ToState"/>; throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    public static PcaReconstruction FromState(PcaReconstructionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Check();
        return new PcaReconstruction(state);
    }
}
