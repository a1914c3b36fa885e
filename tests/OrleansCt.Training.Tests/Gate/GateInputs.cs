using OrleansCt.Training.Validation;

namespace OrleansCt.Training.Tests.Gate;

/// <summary>Metrics and infrastructure checks built by hand: the gate needs no trained model.</summary>
internal static class GateInputs
{
    /// <summary>An artifact that loaded back and scored 200 sample rows in 12 ms.</summary>
    public static readonly InfrastructureCheck Loaded = new(true, null, 200, 0.012);

    public static ValidationMetrics Classification(double? accuracy, double? logLoss = null, double? auc = null, long count = 1_200, long unscored = 0) =>
        new(count, unscored, accuracy, logLoss, auc, auc is null ? null : 0.0, null, null, null);

    public static ValidationMetrics Regression(double? rmse, double? mae = null, double? r2 = null, long count = 1_200) =>
        new(count, 0, null, null, null, null, rmse, mae, r2);
}
