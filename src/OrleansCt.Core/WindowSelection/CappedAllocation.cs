namespace OrleansCt.Core.WindowSelection;

/// <summary>
/// Shares a total out in proportion to weights without giving anyone more than its cap: x_i = min(cap_i, λ·w_i) with λ such that
/// Σ x_i = total ("water-filling"). Of all allocations within the caps it is the closest to proportional in total variation: only
/// capped items fall short, and each by no more than it must.
/// </summary>
internal static class CappedAllocation
{
    /// <summary>The real allocation; items of weight 0 get 0. The total must not exceed the caps of the weighted items.</summary>
    public static double[] Real(double total, IReadOnlyList<double> weights, IReadOnlyList<double> caps)
    {
        var x = new double[weights.Count];
        // As λ grows, items cap in the order of cap / weight.
        var order = Enumerable.Range(0, weights.Count).Where(i => weights[i] > 0).OrderBy(i => caps[i] / weights[i]).ToArray();
        var (left, weight) = (total, order.Sum(i => weights[i]));
        var next = 0;
        for (; next < order.Length; next++)
        {
            var i = order[next];
            if (left / weight * weights[i] < caps[i])
            {
                break;
            }

            x[i] = caps[i];
            left -= caps[i];
            weight -= weights[i];
        }

        for (var k = next; k < order.Length; k++)
        {
            x[order[k]] = left / weight * weights[order[k]];
        }

        return x;
    }

    /// <summary>Whole numbers summing to <paramref name="total"/>: the real allocation rounded down, then one more to the largest remainders (the first on ties).</summary>
    public static int[] Whole(int total, IReadOnlyList<double> weights, IReadOnlyList<int> caps)
    {
        var real = Real(total, weights, [.. caps.Select(c => (double)c)]);
        var whole = real.Select(v => (int)Math.Floor(v + 1e-9)).ToArray();
        var shortfall = total - whole.Sum();
        // A remainder only exists below a cap, because the caps are whole: the extra one never passes it.
        foreach (var i in Enumerable.Range(0, real.Length).Where(i => whole[i] < caps[i]).OrderByDescending(i => real[i] - whole[i]).ThenBy(i => i).Take(shortfall))
        {
            whole[i]++;
        }

        return whole;
    }
}
