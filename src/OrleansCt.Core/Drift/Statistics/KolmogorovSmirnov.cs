namespace OrleansCt.Core.Drift.Statistics;

/// <summary>Two-sample Kolmogorov-Smirnov test, two-sided: D = max |F_ref − F_cur| and its p-value as scipy 1.10.1's ks_2samp (fields ksD, ksP).</summary>
public static class KolmogorovSmirnov
{
    /// <summary>scipy's MAX_AUTO_N: <see cref="KsMethod.Auto"/> is exact when the larger sample has at most this many values.</summary>
    public const int MaxAutoN = 10_000;

    /// <summary>D and its p-value; ties are allowed (both ECDFs are evaluated at every value), and the exact p-value assumes none, as scipy's does.</summary>
    public static KsResult Test(IReadOnlyList<double> reference, IReadOnlyList<double> current, KsMethod method = KsMethod.Auto)
    {
        var a = Samples.Sorted(reference, nameof(reference));
        var b = Samples.Sorted(current, nameof(current));
        long n1 = a.Length, n2 = b.Length;

        // D in units of 1/(n1·n2): |i·n2 − j·m1| at every distinct value, so it is exact and the lattice method gets an integer.
        var (i, j) = (0, 0);
        var maxGap = 0L;
        while (i < a.Length || j < b.Length)
        {
            var x = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }

            maxGap = Math.Max(maxGap, Math.Abs((i * n2) - (j * n1)));
        }

        var d = (double)maxGap / (n1 * n2);
        var g = Gcd(n1, n2);
        if (method == KsMethod.Auto)
        {
            method = Math.Max(n1, n2) <= MaxAutoN ? KsMethod.Exact : KsMethod.Asymptotic;
        }
        else if (method == KsMethod.Exact && n1 / g >= int.MaxValue / (double)(n2 / g))
        {
            method = KsMethod.Asymptotic;
        }

        if (method == KsMethod.Exact)
        {
            // In units of 1/lcm(n1, n2), where every attainable D is an integer h.
            var h = maxGap / g;
            var lcm = n1 / g * n2;
            var p = h == 0 ? 1.0 : n1 == n2 ? OutsideSquare(n1, h) : OutsideBand(n1, n2, g, h);
            if (p is >= 0 and <= 1)
            {
                return new KsResult((double)h / lcm, p, KsMethod.Exact);
            }
        }

        var en = (double)n1 * n2 / (n1 + n2);
        var pa = KolmogorovDistribution.Survival(Math.Round(en, MidpointRounding.ToEven), d);
        return new KsResult(d, Math.Clamp(pa, 0, 1), KsMethod.Asymptotic);
    }

    /// <summary>
    /// Two samples of n values, D = h/n, as KSWIN tests them: D (rounded to the lattice h / n as scipy does) and the exact two-sided p-value,
    /// clamped to [0, 1] (no asymptotic fallback; KSWIN allows only sizes up to <see cref="MaxAutoN"/>). No check for NaN or infinities.
    /// </summary>
    internal static (double Statistic, double PValue) TwoSampleEqualSizes(double[] a, double[] b)
    {
        if (a.Length != b.Length || a.Length == 0 || a.Length > MaxAutoN)
        {
            throw new ArgumentException($"Both samples need the same size between 1 and {MaxAutoN}; got {a.Length} and {b.Length}.", nameof(b));
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
        return h == 0 ? (statistic, 1.0) : (statistic, Math.Clamp(OutsideSquare(n, h), 0.0, 1.0));
    }

    // n1 = n2 = n, D = h/n: P(D ≥ h/n) = 2 Σ_{k≥1} (−1)^(k+1) C(2n, n−kh)/C(2n, n) (Gnedenko-Korolyuk), summed from the smallest term inward.
    private static double OutsideSquare(long n, long h)
    {
        var total = 0.0;
        for (var k = n / h; k >= 1; k--)
        {
            // C(2n, n−kh)/C(2n, n) as a product of kh ratios.
            var ratio = 1.0;
            for (var t = 0L; t < k * h; t++)
            {
                ratio *= (double)(n - t) / (n + t + 1);
            }

            total = ratio - total;
        }

        return 2 * total;
    }

    // Probability that a uniformly random lattice path from (0,0) to (n1,n2) leaves the band |i/n1 − j/n2| < h/lcm at some point:
    // the mass of inside states times the chance of stepping outside, summed over all states (first exits are disjoint, so no
    // cancellation even for tiny p-values). A step right from (i, j) has probability (n1−i)/(n1+n2−i−j).
    private static double OutsideBand(long n1, long n2, long g, long h)
    {
        long a = n1 / g, c = n2 / g;
        var row = new double[n2 + 1];
        var exited = 0.0;
        row[0] = 1;
        for (var i = 0L; i <= n1; i++)
        {
            for (var j = 0L; j <= n2; j++)
            {
                if (i == 0 && j == 0)
                {
                    continue;
                }

                // row[j] holds (i−1, j) on entry; row[j−1] already holds (i, j−1).
                var fromLeft = i > 0 && row[j] > 0 ? row[j] * (n1 - i + 1) / (n1 + n2 - i - j + 1) : 0;
                var fromBelow = j > 0 && row[j - 1] > 0 ? row[j - 1] * (n2 - j + 1) / (n1 + n2 - i - j + 1) : 0;
                var mass = fromLeft + fromBelow;
                if (Math.Abs((i * c) - (j * a)) >= h)
                {
                    exited += mass;
                    mass = 0;
                }

                row[j] = mass;
            }
        }

        return exited;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
