namespace OrleansCt.Core.WindowSelection;

/// <summary>
/// Randomised systematic sampling with unequal probabilities (Madow 1949; Hartley and Rao 1962): the items in random order, laid
/// end to end as intervals as long as their inclusion probabilities, and the points u, u + 1, … (u uniform in [0, 1)) pick the
/// intervals they fall in. Each item is taken with exactly its probability, and exactly Σ π items are taken.
/// </summary>
internal static class SystematicSample
{
    /// <param name="probabilities">Inclusion probability per item, in [0, 1], summing to a whole number.</param>
    /// <returns>The positions of the chosen items.</returns>
    public static List<int> Draw(IReadOnlyList<double> probabilities, int count, Random random)
    {
        if (count == 0)
        {
            return [];
        }

        var order = Enumerable.Range(0, probabilities.Count).ToArray();
        random.Shuffle(order);
        var total = order.Sum(i => probabilities[i]);
        var u = random.NextDouble();
        var chosen = new List<int>(count);
        var (sum, before) = (0.0, Math.Floor(-u));
        foreach (var i in order)
        {
            sum += probabilities[i];
            // Rescaled so the last interval ends at exactly count: rounding cannot lose the last point.
            var after = Math.Floor((sum / total * count) - u);
            if (after > before && chosen.Count < count)
            {
                chosen.Add(i);
            }

            before = after;
        }

        // Only an interval wider than 1 by rounding error could hold two points; the most probable items not taken make up for it.
        foreach (var i in Enumerable.Range(0, probabilities.Count).Except(chosen).OrderByDescending(i => probabilities[i]).Take(count - chosen.Count))
        {
            chosen.Add(i);
        }

        return chosen;
    }
}
