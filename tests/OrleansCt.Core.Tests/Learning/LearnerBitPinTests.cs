using System.Runtime.InteropServices;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>
/// A regression pin, beside the scikit-learn checks: on long streams (<see cref="LearnerPinCases"/>) the learner must end in the
/// very state, and serve the very predictions, that the learner had before its per-row cost was optimised — bit for bit, so that
/// replaying an old log gives the state it gave then. LearnerPins.txt holds XxHash3 digests of the raw bits, written once by the
/// pre-optimisation code (commit "Pin the online learner's behaviour bit for bit"); the bench command learner-pins writes them
/// (<c>dotnet run --project bench/OrleansCt.Benchmarks -- learner-pins --write PATH</c>). Each case is fed three ways that must
/// agree: Predict then Learn row by row, PredictThenLearn over the stream cut in three batches, and Learn alone.
/// </summary>
public sealed class LearnerBitPinTests
{
    private static readonly Lazy<Dictionary<string, LearnerPin>> Pins = new(ReadPins);

    public static TheoryData<string> Cases => new(LearnerPinCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_then_learn_row_by_row_gives_the_pinned_state_and_predictions(string name)
    {
        var pin = Pins.Value[name];
        Assert.Equal(pin, LearnerPin.RowByRow(LearnerPinCases.Get(name)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PredictThenLearn_over_batches_gives_the_pinned_state_and_predictions(string name)
    {
        var pin = Pins.Value[name];
        var c = LearnerPinCases.Get(name);
        var learner = OnlineLearner.Create(c.Schema);
        var width = c.Schema.PredictionWidth;
        var count = c.Batch.Count;
        int[] cuts = [0, count / 3, count / 3 * 2, count];
        var scores = new List<double>(count * width);
        for (var i = 0; i + 1 < cuts.Length; i++)
        {
            scores.AddRange(learner.PredictThenLearn(Slice(c.Batch, cuts[i], cuts[i + 1]), width).Scores);
        }

        Assert.Equal(pin.Prequential, LearnerPin.Digest(CollectionsMarshal.AsSpan(scores)));
        Assert.Equal(pin.State, LearnerPin.Digest(learner.ExportState()));
        Assert.Equal(pin.Updates, learner.Updates);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Learning_alone_gives_the_pinned_state(string name)
    {
        var pin = Pins.Value[name];
        var c = LearnerPinCases.Get(name);
        var learner = OnlineLearner.Create(c.Schema);
        var labels = c.Batch.Labels!;
        for (var row = 0; row < c.Batch.Count; row++)
        {
            learner.Learn(c.Batch, row, labels[row]);
        }

        Assert.Equal(pin.State, LearnerPin.Digest(learner.ExportState()));
    }

    [Fact]
    public void The_skip_cases_do_skip_updates_and_the_others_learn_every_labelled_row()
    {
        foreach (var c in LearnerPinCases.All)
        {
            var labelled = c.Batch.Labels!.Count(double.IsFinite);
            var pin = Pins.Value[c.Name];
            Assert.True(c.Name.StartsWith("skip-", StringComparison.Ordinal) == (pin.Updates < labelled), $"{c.Name}: {pin.Updates} updates of {labelled} labelled rows");
        }
    }

    private static EventBatch Slice(EventBatch batch, int from, int to) => new()
    {
        Ids = batch.Ids[from..to],
        Times = batch.Times[from..to],
        Numeric = batch.Numeric.Select(c => c[from..to]).ToArray(),
        Categorical = batch.Categorical.Select(c => c[from..to]).ToArray(),
        Labels = batch.Labels![from..to],
    };

    private static Dictionary<string, LearnerPin> ReadPins() => LearnerPin.Read(Path.Combine(AppContext.BaseDirectory, "Learning", "LearnerPins.txt"));
}
