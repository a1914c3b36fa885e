namespace OrleansCt.Core.Labels;

/// <summary>Labels for earlier events: class index (classification) or value (regression) per id.</summary>
public sealed record LabelBatch(string[] Ids, double[] Labels)
{
    public int Count => Ids.Length;
}
