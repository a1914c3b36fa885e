namespace OrleansCt.Contracts;

/// <summary>What a model predicts: one of two classes, one of several, or a number.</summary>
public enum ModelTask
{
    Binary,
    Multiclass,
    Regression,
}
