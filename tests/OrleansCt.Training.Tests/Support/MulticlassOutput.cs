namespace OrleansCt.Training.Tests.Support;

/// <summary>What ML.NET's prediction engine reads back from a multiclass model: the Score vector in the model's slot order.</summary>
public sealed class MulticlassOutput
{
    public float[] Score { get; set; } = [];
}
