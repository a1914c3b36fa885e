namespace OrleansCt.Contracts;

/// <summary>The kind of value a feature carries.</summary>
public enum FeatureType
{
    Numeric,
    Categorical,
}
