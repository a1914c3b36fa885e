namespace OrleansCt.Training.Tests.Support;

/// <summary>What ML.NET's prediction engine reads back from a regression model.</summary>
public sealed class RegressionOutput
{
    public float Score { get; set; }
}
