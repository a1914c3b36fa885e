using OrleansCt.Core.Policy;

namespace OrleansCt.Grains.Training;

/// <summary>
/// A window's choice among the rows a retrain read: the rows kept (increasing indices into them, the gate's held-out rows last),
/// how many of the newest are held out for the gate, and the account the retrain log shows. Null <see cref="Keep"/>: too few rows.
/// </summary>
internal sealed record WindowSelection(int[]? Keep, int Holdout, WindowChoiceView Choice)
{
    public static WindowSelection TooFew(string kind, string text) => new(null, 0, new WindowChoiceView(kind, text));

    /// <summary>The newest <paramref name="count"/> of <paramref name="total"/> rows.</summary>
    public static int[] Newest(int total, int count) => [.. Enumerable.Range(total - count, count)];
}
