namespace OrleansCt.Core.Drift.Multivariate;

/// <summary>A <see cref="CoMoments"/> as plain arrays (a checkpoint); Mean is all NaN and CoMoments all 0 while Count is 0.</summary>
/// <param name="Dimensions">Values per row, d.</param>
/// <param name="Count">Rows added.</param>
/// <param name="Skipped">Rows refused because a value was missing or infinite.</param>
/// <param name="Mean">Mean of each dimension, d values.</param>
/// <param name="CoMoments">Σ (x−mean)(x−mean)ᵀ, upper triangle row by row: (0,0), (0,1) … (0,d−1), (1,1) … (d−1,d−1); d(d+1)/2 values.</param>
public sealed record CoMomentsState(int Dimensions, long Count, long Skipped, double[] Mean, double[] CoMoments)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field that cannot be right.</summary>
    internal void Check()
    {
        var problem = Problem();
        if (problem is not null)
        {
            throw new ArgumentException($"CoMoments state is not valid: {problem}; restore a state made by ToState, or start empty co-moments.", "state");
        }
    }

    private string? Problem()
    {
        if (Dimensions < 1)
        {
            return $"Dimensions is {Dimensions}, below 1";
        }

        if (Count < 0 || Skipped < 0)
        {
            return $"Count {Count} and Skipped {Skipped} must not be negative";
        }

        if (Mean is null || Mean.Length != Dimensions)
        {
            return $"Mean has {Mean?.Length ?? 0} values for {Dimensions} dimensions";
        }

        var triangle = Dimensions * (Dimensions + 1) / 2;
        if (CoMoments is null || CoMoments.Length != triangle)
        {
            return $"CoMoments has {CoMoments?.Length ?? 0} values where the upper triangle of {Dimensions} dimensions has {triangle}";
        }

        if (Count == 0)
        {
            return Mean.All(double.IsNaN) && CoMoments.All(c => c == 0) ? null : "Count is 0, so every Mean must be NaN and every CoMoments 0";
        }

        // Not "finite": values ±1e155 apart (which the learner's pins feed on purpose) saturate products at ±∞, and ±MaxValue make NaN;
        // such a state must still restore (its PCA is then not fitted), or one accepted row would make the model unreadable.

        // The diagonal sits at i·d − i(i−1)/2: the sums of squared deviations, never negative.
        for (var i = 0; i < Dimensions; i++)
        {
            var diagonal = CoMoments[(i * Dimensions) - (i * (i - 1) / 2)];
            if (diagonal < 0)
            {
                return $"CoMoments diagonal {i} is negative";
            }

            // A mean leaves the doubles only through a deviation that overflows, and that deviation squared saturates the diagonal first.
            if (!double.IsFinite(Mean[i]) && double.IsFinite(diagonal))
            {
                return $"Mean {i} must be finite while CoMoments diagonal {i} is finite";
            }
        }

        return null;
    }
}
