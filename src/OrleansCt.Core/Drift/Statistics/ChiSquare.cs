using MathNet.Numerics;

namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Pearson's chi-square test of homogeneity on the 2×k table [reference counts; current counts], no Yates correction (drift-statistics.md; scipy chi2_contingency(correction=False)).</summary>
public static class ChiSquare
{
    /// <summary>
    /// Σ (observed − expected)²/expected with expected = row total · column total / total, and P(χ²_dof ≥ statistic), dof = k − 1.
    /// Bins empty in both rows carry no information and are left out (scipy refuses a table with a zero expected count).
    /// </summary>
    public static ChiSquareResult Test(IReadOnlyList<long> reference, IReadOnlyList<long> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Count != current.Count)
        {
            throw new ArgumentException($"the reference has {reference.Count} bins and the current {current.Count}; give counts over the same bins.", nameof(current));
        }

        if (reference.Any(c => c < 0) || current.Any(c => c < 0))
        {
            throw new ArgumentException("counts cannot be negative.", nameof(reference));
        }

        double r = reference.Sum(), c = current.Sum();
        if (r == 0 || c == 0)
        {
            throw new ArgumentException($"the {(r == 0 ? "reference" : "current")} counts are all zero; compare only windows with values.", r == 0 ? nameof(reference) : nameof(current));
        }

        var total = r + c;
        var statistic = 0.0;
        var used = 0;
        for (var i = 0; i < reference.Count; i++)
        {
            double column = reference[i] + current[i];
            if (column == 0)
            {
                continue;
            }

            used++;
            var er = r * column / total;
            var ec = c * column / total;
            statistic += ((reference[i] - er) * (reference[i] - er) / er) + ((current[i] - ec) * (current[i] - ec) / ec);
        }

        var dof = used - 1;
        if (dof == 0)
        {
            return new ChiSquareResult(0, 1, 0);
        }

        // The upper regularised gamma gives a small p-value without the cancellation of 1 − CDF.
        return new ChiSquareResult(statistic, SpecialFunctions.GammaUpperRegularized(dof / 2.0, statistic / 2), dof);
    }
}
