using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using OrleansCt.Core.Learning;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>
/// XxHash3 digests of what the learner does on a <see cref="PinCase"/> fed Predict then Learn row by row: its updates, the raw
/// bits of its final state, of its prequential scores and of PredictAll at the half and at the end. LearnerPins.txt holds the
/// digests the learner gave before its per-row optimisation; the bench command <c>learner-pins</c> writes them anew.
/// </summary>
internal sealed record LearnerPin(string Name, long Updates, string State, string Prequential, string PredictAll)
{
    /// <summary>The header of LearnerPins.txt.</summary>
    public static readonly string[] Header =
    [
        "# XxHash3-64 digests of the online learner's behaviour on LearnerPinCases, written by the learner before its per-row optimisation.",
        "# name updates state prequential predict-all (see LearnerBitPinTests; regenerate only for an intended change of behaviour).",
        "# Rewritten once since: the prequential and predict-all digests of skip-multiclass-* when multiclass rows with a margin beyond a double",
        "# (NaN probabilities before) became finite; every row that was finite kept its bits, and every state digest is unchanged.",
    ];

    /// <summary>Predict then Learn each row; PredictAll over the whole stream at the half and at the end.</summary>
    public static LearnerPin RowByRow(PinCase c)
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
        return new LearnerPin(c.Name, learner.Updates, Digest(learner.ExportState()), Digest(scores), Hex(predictAll.GetCurrentHashAsUInt64()));
    }

    /// <summary>Reads the pins of a file written by <see cref="ToLine"/> under <see cref="Header"/>.</summary>
    public static Dictionary<string, LearnerPin> Read(string path) => File.ReadAllLines(path)
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => line.Split(' '))
        .Select(f => new LearnerPin(f[0], long.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3], f[4]))
        .ToDictionary(p => p.Name);

    /// <summary>The digest of raw doubles.</summary>
    public static string Digest(ReadOnlySpan<double> values) => Hex(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(values)));

    /// <summary>Every field of the state, arrays by their raw bits, in declaration order.</summary>
    public static string Digest(LearnerState s)
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

    /// <summary>One line of LearnerPins.txt.</summary>
    public string ToLine() => string.Join(' ', Name, Updates.ToString(CultureInfo.InvariantCulture), State, Prequential, PredictAll);

    private static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);
}
