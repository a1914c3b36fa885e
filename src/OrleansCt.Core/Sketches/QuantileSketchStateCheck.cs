using System.Diagnostics.CodeAnalysis;

namespace OrleansCt.Core.Sketches;

/// <summary>Whether a <see cref="QuantileSketchState"/> can be restored: every field fits the others and the k it was made with.</summary>
internal static class QuantileSketchStateCheck
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field of the state that cannot be right.</summary>
    public static void Fits(QuantileSketchState state)
    {
        if (state.K is < QuantileSketch.MinK or > QuantileSketch.MaxK)
        {
            Reject($"K is {state.K}, outside {QuantileSketch.MinK}..{QuantileSketch.MaxK}");
        }

        if (state.LevelSizes is not { Length: > 0 and < 62 } sizes || sizes.Any(s => s < 0))
        {
            Reject("LevelSizes must hold 1 to 61 counts, none negative");
        }

        if (state.Items is null || state.Items.Length != state.LevelSizes.Sum(s => (long)s))
        {
            Reject($"Items has {state.Items?.Length.ToString() ?? "no"} values but LevelSizes add up to {state.LevelSizes.Sum(s => (long)s)}");
        }

        var levels = state.LevelSizes.Length;
        var (sampling, position, choice) = (state.SamplingLevel, state.BlockPosition, state.BlockChoice);
        if (sampling < 0 || sampling > QuantileSketchLevels.SamplingLevel(QuantileSketchLevels.FloorDepth(QuantileSketchLevels.Table(state.K).Capacities), levels))
        {
            Reject($"SamplingLevel is {sampling}, outside 0..{QuantileSketchLevels.SamplingLevel(QuantileSketchLevels.FloorDepth(QuantileSketchLevels.Table(state.K).Capacities), levels)} for {levels} levels with k = {state.K}");
        }

        if (sampling == 0 ? position != 0 || choice != 0 : position < 0 || position >= 1L << sampling || position > state.Count || choice < 0 || choice >= 1L << sampling)
        {
            Reject($"BlockPosition {position} and BlockChoice {choice} do not fit SamplingLevel {sampling} and Count {state.Count}");
        }

        // Compaction turns two items of weight 2^h into one of weight 2^(h+1), so without the sampler the weights add up to Count exactly;
        // with it, they differ by the partial blocks (docs/quantile-sketch.md) — also in a sketch not sampling itself that merged one that was —
        // and only a sketch that holds nothing may weigh nothing.
        var weight = 0L;
        for (var h = 0; h < levels; h++)
        {
            weight += (long)state.LevelSizes[h] << h;
        }

        var sampled = state.Sampled || sampling > 0;
        if (sampled ? (weight == 0) != (state.Count == 0) || weight < 0 : weight != state.Count)
        {
            Reject($"the items stand for {weight} values but Count is {state.Count}{(sampling == 0 ? string.Empty : $" at SamplingLevel {sampling}")}");
        }

        if (state.Count == 0 ? !(double.IsNaN(state.Min) && double.IsNaN(state.Max)) : !(state.Min <= state.Max))
        {
            Reject($"Min {state.Min} and Max {state.Max} do not fit Count {state.Count}");
        }

        if (state.Items.Any(v => !(v >= state.Min && v <= state.Max)))
        {
            Reject("Items holds a value outside [Min, Max] or NaN");
        }

        var maxSize = QuantileSketchLevels.MaxSize(state.K, levels);
        if (state.Items.Length >= maxSize)
        {
            Reject($"Items holds {state.Items.Length} values but {levels} levels with k = {state.K} hold fewer than {maxSize}");
        }
    }

    [DoesNotReturn]
    private static void Reject(string message) =>
        throw new ArgumentException($"QuantileSketch state is not valid: {message}; restore a state made by ToState, or start an empty sketch.", "state");
}
