using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>
/// A regression pin, beside the scikit-learn checks: on long streams (<see cref="LearnerPinCases"/>) the learner must end in the
/// very state, and serve the very predictions, that the learner had before its per-row cost was optimised — bit for bit, so that
/// replaying an old log gives the state it gave then. LearnerPins.txt holds XxHash3 digests of the raw bits, written once by the
/// pre-optimisation code (commit "Pin the online learner's behaviour bit for bit"): set ORLEANSCT_WRITE_LEARNER_PINS to a file
/// path and run this class to write them. Each case is fed three ways that must agree: Predict then Learn row by row,
/// PredictThenLearn over the stream cut in three batches, and Learn alone.
/// </summary>
public sealed class LearnerBitPinTests
{
    private const string WriteVariable = "ORLEANSCT_WRITE_LEARNER_PINS";

    private static readonly Lazy<Dictionary<string, Pin>> Pins = new(ReadPins);

    public static TheoryData<string> Cases => new(LearnerPinCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_then_learn_row_by_row_gives_the_pinned_state_and_predictions(string name)
    {
        var pin = Pins.Value[name];
        Assert.Equal(pin, RowByRow(LearnerPinCases.Get(name)));
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

        Assert.Equal(pin.Prequential, Digest(CollectionsMarshal.AsSpan(scores)));
        Assert.Equal(pin.State, Digest(learner.ExportState()));
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

        Assert.Equal(pin.State, Digest(learner.ExportState()));
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

    [Fact]
    public void Writes_the_pins_when_asked()
    {
        if (Environment.GetEnvironmentVariable(WriteVariable) is not { Length: > 0 } path)
        {
            return;
        }

        var lines = new List<string>
        {
            "# XxHash3-64 digests of the online learner's behaviour on LearnerPinCases, written by the learner before its per-row optimisation.",
            "# name updates state prequential predict-all (see LearnerBitPinTests; regenerate only for an intended change of behaviour).",
        };
        lines.AddRange(LearnerPinCases.All.Select(c => RowByRow(c)).Select(p => string.Join(' ', p.Name, p.Updates, p.State, p.Prequential, p.PredictAll)));
        File.WriteAllLines(path, lines);
    }

    /// <summary>Predict then Learn each row; PredictAll over the whole stream at the half and at the end.</summary>
    private static Pin RowByRow(PinCase c)
    {
        var batch = c.Batch;
        var learner = OnlineLearner.Create(c.Schema);
        var width = c.Schema.PredictionWidth;
        var labels = batch.Labels!;
        var scores = new double[batch.Count * width];
        var predictAll = new XxHash3();
        for (var row = 0; row < batch.Count; row++)
        {
            if (row == batch.Count / 2)
            {
                predictAll.Append(MemoryMarshal.AsBytes(learner.PredictAll(batch).Scores.AsSpan()));
            }

            learner.Predict(batch, row, scores.AsSpan(row * width, width));
            learner.Learn(batch, row, labels[row]);
        }

        predictAll.Append(MemoryMarshal.AsBytes(learner.PredictAll(batch).Scores.AsSpan()));
        return new Pin(c.Name, learner.Updates, Digest(learner.ExportState()), Digest(scores), Hex(predictAll.GetCurrentHashAsUInt64()));
    }

    private static EventBatch Slice(EventBatch batch, int from, int to) => new()
    {
        Ids = batch.Ids[from..to],
        Times = batch.Times[from..to],
        Numeric = batch.Numeric.Select(c => c[from..to]).ToArray(),
        Categorical = batch.Categorical.Select(c => c[from..to]).ToArray(),
        Labels = batch.Labels![from..to],
    };

    private static string Digest(ReadOnlySpan<double> values) => Hex(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(values)));

    /// <summary>Every field of the state, arrays by their raw bits, in declaration order.</summary>
    private static string Digest(LearnerState s)
    {
        var hash = new XxHash3();
        long[] scalars = [s.LayoutFingerprint, s.Outputs, s.Dimension, s.Updates, s.TargetCount, BitConverter.DoubleToInt64Bits(s.TargetMean), BitConverter.DoubleToInt64Bits(s.TargetM2)];
        hash.Append(MemoryMarshal.AsBytes(scalars.AsSpan()));
        foreach (var array in new[] { s.Weights, s.Intercepts, s.GradSquares, s.InterceptGradSquares, s.FeatureMeans, s.FeatureM2 })
        {
            hash.Append(BitConverter.GetBytes(array.Length));
            hash.Append(MemoryMarshal.AsBytes(array.AsSpan()));
        }

        hash.Append(MemoryMarshal.AsBytes(s.FeatureCounts.AsSpan()));
        return Hex(hash.GetCurrentHashAsUInt64());
    }

    private static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);

    private static Dictionary<string, Pin> ReadPins() => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Learning", "LearnerPins.txt"))
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => line.Split(' '))
        .Select(f => new Pin(f[0], long.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3], f[4]))
        .ToDictionary(p => p.Name);

    private sealed record Pin(string Name, long Updates, string State, string Prequential, string PredictAll);
}
