using System.Diagnostics;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Training.Tests;

/// <summary>A cancelled token stops a training with an OperationCanceledException.</summary>
public sealed class CancellationTests
{
    [Theory]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.Sdca)]
    public void A_token_cancelled_before_training_stops_it_at_once(TrainerKind kind)
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ModelTrainer.Train(Datasets.Elec2Rows(0, 1_000), new TrainerSpec(kind), cancellation.Token));
    }

    [Fact]
    public void A_token_cancelled_during_a_long_training_stops_it_within_a_pass()
    {
        // A million passes over 2,000 rows would take many minutes; the cursor checks the token at every row.
        var spec = new TrainerSpec(TrainerKind.OnlineGradientDescent, new Dictionary<string, double> { ["numberOfIterations"] = 1_000_000 });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => ModelTrainer.Train(Datasets.HousingRows(0, 2_000), spec, cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the training stopped {clock.Elapsed} after it started");
    }
}
