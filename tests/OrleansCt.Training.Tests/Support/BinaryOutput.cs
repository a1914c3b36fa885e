namespace OrleansCt.Training.Tests.Support;

/// <summary>What ML.NET's prediction engine reads back from a binary model.</summary>
public sealed class BinaryOutput
{
    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }
}
