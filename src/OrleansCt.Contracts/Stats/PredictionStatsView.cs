namespace OrleansCt.Contracts;

/// <summary>The served predictions: their score (P(positive class), or the value) and predicted classes.</summary>
public sealed record PredictionStatsView(FeatureStatsView Scores, IReadOnlyList<CategoryCountView>? Classes);
