namespace OrleansCt.Core.WindowSelection;

/// <summary>
/// Raking (iterative proportional fitting, Deming and Stephan 1940): row weights rescaled feature after feature until every
/// feature's weighted stratum shares equal the target shares. Strata no row reaches keep no weight, so the targets are matched
/// renormalised over the strata the rows do reach.
/// </summary>
internal static class Raking
{
    public const int MaxSweeps = 200;

    private const double Tolerance = 1e-6;

    /// <param name="weights">Starting weights (0 for rows left out), rescaled in place.</param>
    /// <param name="strata">[feature][row]: the row's stratum of that feature.</param>
    /// <param name="targets">[feature][stratum]: the target shares.</param>
    /// <returns>Sweeps made: the first sweep whose factors all lay within 1 ± 1e-6, or <see cref="MaxSweeps"/>.</returns>
    public static int Fit(double[] weights, int[][] strata, double[][] targets)
    {
        for (var sweep = 1; sweep <= MaxSweeps; sweep++)
        {
            var largestChange = 0.0;
            for (var f = 0; f < strata.Length; f++)
            {
                var mass = new double[targets[f].Length];
                for (var r = 0; r < weights.Length; r++)
                {
                    mass[strata[f][r]] += weights[r];
                }

                var total = mass.Sum();
                var reached = targets[f].Where((_, s) => mass[s] > 0).Sum();
                if (total == 0 || reached == 0)
                {
                    return sweep;
                }

                var factors = mass.Select((m, s) => m > 0 ? targets[f][s] / reached * total / m : 0).ToArray();
                largestChange = Math.Max(largestChange, factors.Where((_, s) => mass[s] > 0).Max(v => Math.Abs(v - 1)));
                for (var r = 0; r < weights.Length; r++)
                {
                    weights[r] *= factors[strata[f][r]];
                }
            }

            if (largestChange < Tolerance)
            {
                return sweep;
            }
        }

        return MaxSweeps;
    }
}
