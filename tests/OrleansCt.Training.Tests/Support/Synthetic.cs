using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.Tests.Support;

/// <summary>
/// A three-class set where the right class is obvious: x lies in [0, 1) for class "c", [10, 11) for "a", [20, 21) for "b"
/// (classes deliberately not in alphabetical or first-seen order), plus a noise feature and a colour that carries nothing.
/// </summary>
internal static class Synthetic
{
    public static readonly string[] Classes = ["c", "a", "b"];

    public static ModelSchema Schema { get; } = new(new ModelDefinition
    {
        Task = ModelTask.Multiclass,
        Target = "class",
        Classes = Classes,
        Features =
        [
            new FeatureSpec { Name = "x", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "noise", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "colour", Type = FeatureType.Categorical },
        ],
    });

    /// <summary><paramref name="count"/> rows; row i has class (i · 7 + seed) mod 3, so all classes appear in any 3 consecutive rows.</summary>
    public static EventBatch Batch(int count, int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(i => (double)(((i * 7) + seed) % 3)).ToArray();
        return new EventBatch
        {
            Ids = [.. Enumerable.Range(0, count).Select(i => $"s{seed}-{i}")],
            Times = [.. Enumerable.Range(0, count).Select(i => (double)i)],
            Numeric =
            [
                [.. labels.Select(k => (10 * k) + random.NextDouble())],
                [.. labels.Select(_ => random.NextDouble())],
            ],
            Categorical = [[.. labels.Select(_ => random.Next(3) switch { 0 => "red", 1 => "green", _ => (string?)"blue" })]],
            Labels = labels,
        };
    }
}
