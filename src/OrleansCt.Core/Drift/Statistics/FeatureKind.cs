namespace OrleansCt.Core.Drift.Statistics;

/// <summary>What kind of values a feature holds, as the automatic test choice sees it.</summary>
public enum FeatureKind
{
    Numeric,

    /// <summary>Categories, binary features included.</summary>
    Categorical,
}
