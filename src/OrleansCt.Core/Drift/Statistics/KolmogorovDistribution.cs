using MathNet.Numerics;

namespace OrleansCt.Core.Drift.Statistics;

/// <summary>
/// Survival function of the one-sample two-sided Kolmogorov statistic D_n (scipy's kstwo.sf), following Simard and L'Ecuyer (2011):
/// Ruben-Gambino closed forms at the ends, the Durbin matrix (Marsaglia, Tsang and Wang 2003) in the body, Miller's 2·P(D⁺_n ≥ x) in the tail.
/// </summary>
public static class KolmogorovDistribution
{
    private const double Scale = 1e140;
    private const int ScaleDigits = 140;

    /// <summary>P(D_n ≥ x) for a sample of n values.</summary>
    public static double Survival(double n, double x)
    {
        if (!(n >= 1) || n != Math.Floor(n))
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "the sample size must be a whole number of at least 1.");
        }

        if (x >= 1)
        {
            return 0;
        }

        if (!(x > 0))
        {
            return 1;
        }

        var t = n * x;
        if (t <= 0.5)
        {
            return 1;
        }

        if (t <= 1)
        {
            // P(D_n < x) = n!/n^n · (2t − 1)^n.
            var log = n * Math.Log((2 * t) - 1);
            for (var i = 1; i <= n; i++)
            {
                log += Math.Log(i / n);
            }

            return 1 - Math.Exp(log);
        }

        if (t >= n - 1)
        {
            return 2 * Math.Pow(1 - x, n);
        }

        // Two-sided exceedance is twice the one-sided one minus both at once; the overlap is impossible from x ≥ 1/2 and
        // below double precision when n·x² is large (scipy's cut-offs: 4 for n ≤ 140, 2.2 above).
        var nx2 = t * x;
        if (x >= 0.5 || nx2 > (n <= 140 ? 4 : 2.2))
        {
            return nx2 >= 370 ? 0 : Math.Min(1, 2 * OneSidedSurvival((int)n, x));
        }

        return Math.Max(0, 1 - DurbinCdf((int)n, x));
    }

    /// <summary>
    /// Kolmogorov's limiting distribution: P(√n·D_n ≥ λ) as n → ∞, Q(λ) = 2 Σ_{k ≥ 1} (−1)^(k−1) e^(−2k²λ²) (scipy.special.kolmogorov);
    /// 1 below λ = 0.2, where the series converges too slowly and Q differs from 1 by less than 1e-20.
    /// </summary>
    public static double Limit(double lambda)
    {
        var lambda2 = lambda * lambda;
        if (lambda2 < 0.04)
        {
            return 1;
        }

        var sum = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2 * k * k * lambda2);
            sum += (k % 2 == 1 ? 2 : -2) * term;
            if (term < 1e-17)
            {
                break;
            }
        }

        return Math.Clamp(sum, 0, 1);
    }

    /// <summary>P(D⁺_n ≥ x), exact (Birnbaum and Tingey 1951): x Σ_{j ≤ n(1−x)} C(n, j) (1 − x − j/n)^(n−j) (x + j/n)^(j−1).</summary>
    public static double OneSidedSurvival(int n, double x)
    {
        var sum = 0.0;
        var last = (int)Math.Floor(n * (1 - x));
        for (var j = 0; j <= last; j++)
        {
            var below = 1 - x - ((double)j / n);
            if (below <= 0 && n - j > 0)
            {
                continue;
            }

            var log = SpecialFunctions.BinomialLn(n, j) + ((n - j) * Math.Log(Math.Max(below, double.Epsilon))) + ((j - 1) * Math.Log(x + ((double)j / n)));
            sum += Math.Exp(log);
        }

        return x * sum;
    }

    // P(D_n < x) by the k-th diagonal entry of H^n (Marsaglia, Tsang and Wang 2003), with powers of 10^140 carried apart.
    private static double DurbinCdf(int n, double x)
    {
        var k = (int)(n * x) + 1;
        var m = (2 * k) - 1;
        var h = k - (n * x);
        var a = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                a[i, j] = i - j + 1 < 0 ? 0 : 1;
            }
        }

        for (var i = 0; i < m; i++)
        {
            a[i, 0] -= Math.Pow(h, i + 1);
            a[m - 1, i] -= Math.Pow(h, m - i);
        }

        a[m - 1, 0] += 2 * h - 1 > 0 ? Math.Pow((2 * h) - 1, m) : 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                for (var f = 1; f <= i - j + 1; f++)
                {
                    a[i, j] /= f;
                }
            }
        }

        var (q, exponent) = Power(a, n, k - 1);
        var s = q[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            s = s * i / n;
            if (s < 1 / Scale)
            {
                s *= Scale;
                exponent -= ScaleDigits;
            }
        }

        return s * Math.Pow(10, exponent);
    }

    private static (double[,] Matrix, int Exponent) Power(double[,] a, int n, int watch)
    {
        if (n == 1)
        {
            return (a, 0);
        }

        var (half, e) = Power(a, n / 2, watch);
        var result = Multiply(half, half);
        e *= 2;
        if (n % 2 == 1)
        {
            result = Multiply(a, result);
        }

        if (result[watch, watch] > Scale)
        {
            var m = result.GetLength(0);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < m; j++)
                {
                    result[i, j] /= Scale;
                }
            }

            e += ScaleDigits;
        }

        return (result, e);
    }

    private static double[,] Multiply(double[,] x, double[,] y)
    {
        var m = x.GetLength(0);
        var r = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var xil = x[i, l];
                for (var j = 0; j < m; j++)
                {
                    r[i, j] += xil * y[l, j];
                }
            }
        }

        return r;
    }
}
