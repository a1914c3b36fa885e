namespace OrleansCt.Core.Drift.Detectors;

/// <summary>Two-sample Kolmogorov-Smirnov test on equal-sized samples, two-sided, as scipy.stats.ks_2samp with method "auto" (exact for samples up to 10,000; Hodges, 1958).</summary>
internal static class KolmogorovSmirnov
{
    /// <summary>Largest sample size scipy's "auto" still treats exactly.</summary>
    public const int MaxExactSize = 10_000;

    /// <summary>Returns D (rounded to the lattice h / n as scipy does) and the exact two-sided p-value.</summary>
    public static (double Statistic, double PValue) TwoSampleEqualSizes(double[] a, double[] b)
    {
        if (a.Length != b.Length || a.Length == 0 || a.Length > MaxExactSize)
        {
            throw new ArgumentException($"Both samples need the same size between 1 and {MaxExactSize}; got {a.Length} and {b.Length}.", nameof(b));
        }

        var n = a.Length;
        var x = (double[])a.Clone();
        var y = (double[])b.Clone();
        Array.Sort(x);
        Array.Sort(y);

        // Largest |F_a − F_b| over all observed values, from the right-continuous empirical CDFs.
        double d = 0;
        int i = 0, j = 0;
        while (i < n || j < n)
        {
            var v = j >= n || (i < n && x[i] <= y[j]) ? x[i] : y[j];
            while (i < n && x[i] <= v)
            {
                i++;
            }

            while (j < n && y[j] <= v)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / n) - ((double)j / n)));
        }

        // With equal sizes the lattice is 1/n; scipy rounds half to even (np.round) and reports h / n.
        var h = (int)Math.Round(d * n, MidpointRounding.ToEven);
        var statistic = (double)h / n;
        return h == 0 ? (statistic, 1.0) : (statistic, Math.Clamp(ProbabilityOutsideSquare(n, h), 0.0, 1.0));
    }

    /// <summary>P(D ≥ h/n) for two samples of n: the share of lattice paths leaving the band |i − j| &lt; h, by inclusion-exclusion over reflections (scipy's _compute_prob_outside_square).</summary>
    private static double ProbabilityOutsideSquare(int n, int h)
    {
        var p = 0.0;
        for (var k = n / h; k >= 0; k--)
        {
            var term = 1.0;
            for (var step = 0; step < h; step++)
            {
                term = (n - (k * h) - step) * term / (n + (k * h) + step + 1);
            }

            p = term * (1.0 - p);
        }

        return 2 * p;
    }
}
