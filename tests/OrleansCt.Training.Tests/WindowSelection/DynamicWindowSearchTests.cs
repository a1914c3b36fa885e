using System.Diagnostics;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.WindowSelection;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.WindowSelection;
using Xunit.Abstractions;

namespace OrleansCt.Training.Tests.WindowSelection;

/// <summary>
/// The dynamic window trained with LBFGS logistic regression on synthetic binary streams of 10,000 rows: the newest 1,000 held
/// out, candidates 1,000, 2,000, 4,000 and 8,000.
/// </summary>
public sealed class DynamicWindowSearchTests(ITestOutputHelper output)
{
    private const int Rows = 10_000;
    private const int Holdout = 1_000;
    private static readonly int[] Lengths = [1_000, 2_000, 4_000, 8_000];

    private static readonly ModelSchema Schema = new(new ModelDefinition
    {
        Task = ModelTask.Binary,
        Target = "y",
        Classes = ["no", "yes"],
        Features =
        [
            new FeatureSpec { Name = "x1", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "x2", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "x3", Type = FeatureType.Numeric },
        ],
    });

    [Fact]
    public void After_one_change_point_the_chosen_window_starts_after_it()
    {
        // Rows 0–5,999: y = [x1 > 0]; rows 6,000–9,999: y = [x1 < 0]. The 9,000 rows before the holdout hold 3,000 of the new concept.
        const int Change = 6_000;
        var rows = Stream(seed: 1, flipsAt: Change);

        var choice = Search(rows);

        Assert.InRange(choice.ChosenLength, 1, Rows - Holdout - Change);
        // 4,000 and 8,000 mix the old concept in and lose by far more than a standard error.
        Assert.All(choice.Candidates.Where(c => c.Length > Rows - Holdout - Change), c => Assert.False(c.WithinOneStandardError));
    }

    [Fact]
    public void On_a_stationary_stream_the_largest_candidate_is_chosen()
    {
        var rows = Stream(seed: 2, flipsAt: int.MaxValue);

        var choice = Search(rows);

        Assert.Equal(8_000, choice.ChosenLength);
    }

    [Fact]
    public void Each_candidate_trains_on_the_newest_rows_before_the_holdout_and_scores_the_same_holdout()
    {
        var rows = Stream(seed: 3, flipsAt: int.MaxValue).Slice(0, 100);
        var seen = new List<(string First, string Last, int Count, string HoldoutFirst, int HoldoutCount)>();

        var choice = DynamicWindowSearch.Run(rows, 20, [10, 80], (train, holdout) =>
        {
            seen.Add((train.Ids[0], train.Ids[^1], train.Count, holdout.Ids[0], holdout.Count));
            return [.. holdout.Labels.Select(_ => train.Count == 80 ? 0.5 : 0.25)];
        });

        Assert.Equal([("r70", "r79", 10, "r80", 20), ("r0", "r79", 80, "r80", 20)], seen);
        Assert.Equal(10, choice.ChosenLength);
    }

    [Fact]
    public void A_candidate_longer_than_the_rows_before_the_holdout_is_refused_by_name()
    {
        var rows = Stream(seed: 3, flipsAt: int.MaxValue).Slice(0, 100);

        var error = Assert.Throws<ArgumentException>(() => DynamicWindowSearch.Run(rows, 20, [10, 81], (_, h) => new double[h.Count]));

        Assert.Equal("lengths", error.ParamName);
        Assert.StartsWith("lengths[1] is 81; a window holds from 1 to 80 rows (the 100 rows less the 20 held out).", error.Message);
    }

    private DynamicWindowChoice Search(TrainingRows rows)
    {
        var clock = Stopwatch.StartNew();
        var choice = DynamicWindowSearch.Run(rows, Holdout, Lengths, DynamicWindowSearch.TrainAndScore(new TrainerSpec(TrainerKind.Lbfgs)));
        foreach (var c in choice.Candidates)
        {
            output.WriteLine($"{c.Length,6:N0}: mean log loss {c.MeanLoss:F4} (SE {c.StandardError:F4}), {c.DifferenceFromBest:+0.0000;-0.0000} against the best (SE {c.DifferenceStandardError:F4})");
        }

        output.WriteLine(choice.Reason);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s");
        return choice;
    }

    /// <summary>x1, x2, x3 standard normal; y = [x1 > 0] before row <paramref name="flipsAt"/> and [x1 &lt; 0] from it, then 10 % of labels flipped.</summary>
    private static TrainingRows Stream(int seed, int flipsAt)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = Enumerable.Range(0, 3).Select(_ => new double[Rows]).ToArray();
        var labels = new double[Rows];
        for (var r = 0; r < Rows; r++)
        {
            for (var j = 0; j < 3; j++)
            {
                x[j][r] = Normal();
            }

            var y = r < flipsAt ? x[0][r] > 0 : x[0][r] < 0;
            labels[r] = (random.NextDouble() < 0.1 ? !y : y) ? 1 : 0;
        }

        return TrainingRows.From(Schema, new EventBatch
        {
            Ids = [.. Enumerable.Range(0, Rows).Select(r => $"r{r}")],
            Times = [.. Enumerable.Range(0, Rows).Select(r => (double)r)],
            Numeric = x,
            Categorical = [],
            Labels = labels,
        });
    }
}
