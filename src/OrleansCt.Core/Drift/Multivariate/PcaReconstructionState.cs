namespace OrleansCt.Core.Drift.Multivariate;

/// <summary>A fitted <see cref="PcaReconstruction"/> as plain arrays, everything over the kept features in <paramref name="Features"/> order.</summary>
/// <param name="Dimensions">Values per row of the reference, dropped features included.</param>
/// <param name="VarianceToKeep">Share of variance the components were chosen to explain.</param>
/// <param name="Features">Indices of the kept features, ascending.</param>
/// <param name="Means">Reference mean of each kept feature.</param>
/// <param name="Stds">Reference population standard deviation of each kept feature, above 0.</param>
/// <param name="Components">Kept unit eigenvectors of the reference correlation matrix, orthogonal, largest eigenvalue first.</param>
/// <param name="ExplainedVariance">Share of variance each kept component explains.</param>
public sealed record PcaReconstructionState(int Dimensions, double VarianceToKeep, int[] Features, double[] Means, double[] Stds, double[][] Components, double[] ExplainedVariance)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    internal void Check()
    {
        var problem = Problem();
        if (problem is not null)
        {
            throw new ArgumentException($"PcaReconstruction state is not valid: {problem}; restore a state made by ToState, or fit the model again.", "state");
        }
    }

    private string? Problem()
    {
        var k = Features?.Length ?? 0;
        if (Dimensions < 1 || !(VarianceToKeep is > 0 and <= 1))
        {
            return $"Dimensions {Dimensions} must be at least 1 and VarianceToKeep {VarianceToKeep} above 0 and at most 1";
        }

        if (Features is null || k == 0 || k > Dimensions || Features.Where((f, i) => f < 0 || f >= Dimensions || (i > 0 && f <= Features[i - 1])).Any())
        {
            return $"Features must be ascending indices below {Dimensions}, at least one";
        }

        if (Means is null || Means.Length != k || !Means.All(double.IsFinite))
        {
            return $"Means must hold {k} finite values";
        }

        if (Stds is null || Stds.Length != k || !Stds.All(s => double.IsFinite(s) && s > 0))
        {
            return $"Stds must hold {k} finite values above 0";
        }

        if (Components is null || Components.Length == 0 || Components.Length > k || Components.Any(c => c is null || c.Length != k || !c.All(double.IsFinite)))
        {
            return $"Components must hold between 1 and {k} vectors of {k} finite values";
        }

        for (var i = 0; i < Components.Length; i++)
        {
            for (var j = i; j < Components.Length; j++)
            {
                var dot = Components[i].Zip(Components[j], (a, b) => a * b).Sum();
                if (Math.Abs(dot - (i == j ? 1 : 0)) > 1e-9)
                {
                    return $"Components {i} and {j} have dot product {dot}, so they are not orthonormal";
                }
            }
        }

        if (ExplainedVariance is null || ExplainedVariance.Length != Components.Length || !ExplainedVariance.All(e => e is >= 0 and <= 1))
        {
            return $"ExplainedVariance must hold {Components.Length} shares between 0 and 1";
        }

        return null;
    }
}
