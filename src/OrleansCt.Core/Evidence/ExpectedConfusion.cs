namespace OrleansCt.Core.Evidence;

/// <summary>Expected confusion counts (sums of probabilities) and the accuracy they give.</summary>
public sealed record ExpectedConfusion(double TruePositives, double FalsePositives, double TrueNegatives, double FalseNegatives)
{
    public double Events => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public double Accuracy => Events == 0 ? double.NaN : (TruePositives + TrueNegatives) / Events;
}
