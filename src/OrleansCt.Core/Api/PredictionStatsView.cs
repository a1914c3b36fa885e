namespace OrleansCt.Core.Api;

/// <summary>The served predictions: their score (P(positive class), or the value) and predicted classes.</summary>
public sealed record PredictionStatsView(FeatureStatsView Scores, IReadOnlyList<CategoryCountView>? Classes);
