namespace OrleansCt.Core.Policy;

/// <summary>The alert kinds a policy can retrain on; their camelCase names are the kinds the monitors raise (WindowObservations).</summary>
public enum PolicyAlertKind
{
    Drift,
    Multivariate,
    PredictionDrift,
    LabelDrift,
    Skew,
    Performance,
    ConceptDrift,
    SchemaChange,
    DataQuality,
}
