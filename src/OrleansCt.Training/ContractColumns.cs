namespace OrleansCt.Training;

/// <summary>The column names of the featurisation contract beside the features, as ML.NET's trainers name them.</summary>
public static class ContractColumns
{
    /// <summary>bool (binary: true = the positive class), key over the classes (multiclass) or float (regression).</summary>
    public const string Label = "Label";

    /// <summary>The vector the pipeline assembles from the features; internal to a model.</summary>
    public const string Features = "Features";

    public const string Score = "Score";

    public const string Probability = "Probability";

    public const string PredictedLabel = "PredictedLabel";
}
