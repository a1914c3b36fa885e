namespace OrleansCt.Core.Drift.Windows;

/// <summary>Joins the drift histories of a wide model's feature groups (each window grain scores its own features) into one.</summary>
public static class FeatureGroupMerge
{
    /// <summary>
    /// One evaluation per evaluation of the first group, with the features and skew of every other group's evaluation of the same
    /// window (same first and last sequence) appended in group order; a window a group has not scored adds nothing from it. The
    /// drifted share is recomputed over all the features.
    /// </summary>
    public static DriftEvaluation[] Merge(IReadOnlyList<DriftEvaluation[]> groups) =>
        groups[0].Select(first => groups.Skip(1)
            .Select(p => p.FirstOrDefault(e => e.FirstSequence == first.FirstSequence && e.LastSequence == first.LastSequence))
            .Where(e => e is not null)
            .Aggregate(first, (all, more) => all with { Features = [.. all.Features, .. more!.Features], Skew = [.. all.Skew, .. more.Skew] }))
            .Select(p => p with { DriftedShare = p.Features.Length == 0 ? 0 : (double)p.Features.Count(f => f.Drifted) / p.Features.Length })
            .ToArray();
}
