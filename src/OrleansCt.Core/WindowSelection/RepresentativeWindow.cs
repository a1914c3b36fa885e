using System.Globalization;

namespace OrleansCt.Core.WindowSelection;

/// <summary>
/// A training window that looks like the reference: rows of buckets the monitors flagged as drifted are left out, and the rest
/// are subsampled so that their histograms on the reference's bins match the reference's shares. Stratified exactly on the first
/// feature's bins (proportional allocation, capped at the rows a bin has); the other features are matched through raking
/// weights (iterative proportional fitting on every feature's marginal shares) that decide which rows inside each bin are drawn,
/// by systematic sampling with probabilities proportional to the weights. The reference keeps marginal histograms only, so
/// there is no joint distribution to stratify on; raking matches every marginal the reference does keep. Rows that fall in a
/// stratum the reference never saw (outside its range, or missing where it had none) on any feature are not representative and
/// are never drawn. Keep the size well below the weights' effective size (<see cref="RepresentativeSample.EffectiveRows"/>):
/// near it, rows of large weight would need an inclusion probability above 1, are capped at 1, and the raked features drift
/// back toward the unweighted rows (on housing, 2,000 of an effective 2,995 matched every feature within 0.033, 3,000 did not).
/// </summary>
public static class RepresentativeWindow
{
    /// <param name="features">The features to match, the stratified one first; their values have one entry per row.</param>
    /// <param name="excluded">Per row, whether it lies in a bucket flagged as drifted (never drawn).</param>
    /// <param name="size">Rows wanted; fewer are returned when fewer are eligible.</param>
    public static RepresentativeSample Choose(IReadOnlyList<StratificationFeature> features, IReadOnlyList<bool> excluded, int size, Random random)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(excluded);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (features.Count == 0)
        {
            throw new ArgumentException("features is empty; name at least the feature to stratify on.", nameof(features));
        }

        var rows = excluded.Count;
        var references = new ReferenceStrata[features.Count];
        var strata = new int[features.Count][];
        for (var f = 0; f < features.Count; f++)
        {
            var field = $"features[{f}]";
            if (features[f]?.Values is not { } values || values.Count != rows)
            {
                throw new ArgumentException($"{field}.Values has {features[f]?.Values?.Count ?? 0} values but excluded has {rows} rows; give one value per row.", nameof(features));
            }

            references[f] = ReferenceStrata.From(features[f].Reference, field);
            strata[f] = [.. values.Select(references[f].Of)];
        }

        // A row in a stratum the reference never saw, on any feature, starts (and stays) at weight 0.
        var weights = Enumerable.Range(0, rows)
            .Select(r => !excluded[r] && strata.Select((s, f) => references[f].Shares[s[r]]).All(share => share > 0) ? 1.0 : 0.0)
            .ToArray();
        var eligible = weights.Count(w => w > 0);
        var sweeps = Raking.Fit(weights, strata, [.. references.Select(r => r.Shares)]);
        var effective = eligible == 0 ? 0 : weights.Sum() * weights.Sum() / weights.Sum(w => w * w);
        var chosen = Draw(weights, strata[0], references[0].Shares, Math.Min(size, eligible), random);
        chosen.Sort();
        var matches = features.Select((f, i) => Match(f.Name, references[i].Shares, strata[i], chosen)).ToArray();
        var reason = Reason(rows, excluded.Count(e => e), eligible, size, chosen.Count, matches, sweeps, effective);
        return new RepresentativeSample([.. chosen], size, eligible, effective, matches, sweeps, reason);
    }

    /// <summary>Total variation distance ½ Σ |p_i − q_i|.</summary>
    public static double TotalVariation(IReadOnlyList<double> p, IReadOnlyList<double> q) => 0.5 * p.Zip(q, (a, b) => Math.Abs(a - b)).Sum();

    private static List<int> Draw(double[] weights, int[] strata, double[] shares, int size, Random random)
    {
        var members = Enumerable.Range(0, shares.Length).Select(_ => new List<int>()).ToArray();
        for (var r = 0; r < weights.Length; r++)
        {
            if (weights[r] > 0)
            {
                members[strata[r]].Add(r);
            }
        }

        var quotas = CappedAllocation.Whole(size, shares, [.. members.Select(m => m.Count)]);
        var chosen = new List<int>(size);
        for (var s = 0; s < members.Length; s++)
        {
            var inBin = members[s];
            var probabilities = CappedAllocation.Real(quotas[s], [.. inBin.Select(r => weights[r])], [.. inBin.Select(_ => 1.0)]);
            chosen.AddRange(SystematicSample.Draw(probabilities, quotas[s], random).Select(i => inBin[i]));
        }

        return chosen;
    }

    private static FeatureMatch Match(string name, double[] shares, int[] strata, List<int> chosen)
    {
        var counts = new double[shares.Length];
        foreach (var r in chosen)
        {
            counts[strata[r]]++;
        }

        var sample = counts.Select(c => chosen.Count == 0 ? 0 : c / chosen.Count).ToArray();
        return new FeatureMatch(name, shares, sample, TotalVariation(sample, shares));
    }

    private static string Reason(int rows, int excluded, int eligible, int size, int taken, FeatureMatch[] matches, int sweeps, double effective)
    {
        var invariant = CultureInfo.InvariantCulture;
        var shortfall = taken < size ? string.Create(invariant, $" (asked for {size:N0}; only {eligible:N0} are eligible)") : string.Empty;
        var text = string.Create(
            invariant,
            $"{taken:N0} of {rows:N0} rows{shortfall}: {excluded:N0} left out as drifted, {rows - excluded - eligible:N0} outside the reference's strata; stratified on {matches[0].Name} (total variation {matches[0].TotalVariation:F4})");
        if (matches.Length > 1)
        {
            text += string.Create(invariant, $", raked on {string.Join(", ", matches.Skip(1).Select(m => string.Create(invariant, $"{m.Name} ({m.TotalVariation:F4})")))} in {sweeps} sweeps");
        }

        return text + string.Create(invariant, $"; the weights' effective size (Kish) is {effective:N1} rows.");
    }
}
