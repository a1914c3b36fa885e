using OrleansCt.Core.Drift.Multivariate;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// The reference of the multivariate check: PCA fitted on the reference's first numeric features (standardized), and
/// the alert threshold from the reconstruction errors of reference chunks (mean + 3 std, NannyML's way).
/// </summary>
public sealed record MultivariateReference(PcaReconstructionState Model, double ChunkMean, double ChunkStd, double Threshold)
{
    /// <summary>Numeric features the check covers at most (the first ones in schema order).</summary>
    public const int MaxFeatures = 32;

    /// <summary>Reference chunks the threshold is computed from.</summary>
    public const int Chunks = 10;

    public static int Dimensions(int numericFeatures) => numericFeatures >= 2 ? Math.Min(numericFeatures, MaxFeatures) : 0;

    /// <summary>Fits the check, or null when the reference cannot carry it (fewer than two varying features, too few rows for chunks).</summary>
    public static MultivariateReference? Fit(CoMoments all, IReadOnlyList<CoMoments> chunks)
    {
        try
        {
            var model = PcaReconstruction.Fit(all);
            var threshold = MultivariateThreshold.FromChunks(model, chunks);
            return new MultivariateReference(model.ToState(), threshold.Mean, threshold.StandardDeviation, threshold.Threshold);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Co-moments of the rows of <paramref name="numeric"/> ([feature][row]), whole and in <see cref="Chunks"/> consecutive chunks.</summary>
    public static (CoMoments All, List<CoMoments> Chunks) Moments(double[][] numeric)
    {
        var d = Dimensions(numeric.Length);
        var columns = numeric[..d];
        var rows = d == 0 ? 0 : columns[0].Length;
        var all = new CoMoments(Math.Max(d, 1));
        var chunks = Enumerable.Range(0, Chunks).Select(_ => new CoMoments(Math.Max(d, 1))).ToList();
        for (var r = 0; r < rows; r++)
        {
            all.Add(columns, r);
            chunks[(int)((long)r * Chunks / rows)].Add(columns, r);
        }

        return (all, chunks);
    }
}
