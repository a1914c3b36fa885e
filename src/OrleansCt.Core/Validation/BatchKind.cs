namespace OrleansCt.Core.Validation;

/// <summary>Which endpoint a batch came through: predictions only, or events that may carry their labels (backfill).</summary>
public enum BatchKind
{
    Predict,
    Events,
}
