using MathNet.Numerics.Distributions;

namespace OrleansCt.Core.Evidence;

/// <summary>
/// Lan and DeMets' O'Brien–Fleming-type α-spending function, α(t) = 2 − 2Φ(z₁₋α/₂ / √t) for the information fraction t in (0, 1]:
/// the share of α a sequential comparison may have spent once a fraction t of its labelled events is in. It spends almost nothing
/// early (α(0.25) ≈ 0.0001 for α = 0.05) and reaches α at t = 1, so looking at every step does not inflate promotions.
/// </summary>
public static class AlphaSpending
{
    public static double OBrienFleming(double alpha, double t)
    {
        if (!(alpha is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be in (0, 1).");
        }

        if (double.IsNaN(t) || t <= 0)
        {
            return 0;
        }

        var z = Normal.InvCDF(0, 1, 1 - (alpha / 2));
        return 2 - (2 * Normal.CDF(0, 1, z / Math.Sqrt(Math.Min(1, t))));
    }
}
