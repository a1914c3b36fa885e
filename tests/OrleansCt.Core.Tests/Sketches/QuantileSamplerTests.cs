using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansCt.Core.Sketches;
using Xunit.Abstractions;

namespace OrleansCt.Core.Tests.Sketches;

/// <summary>
/// The KLL sampler on long streams: rank errors against the exactly sorted stream (the reference), within RankErrorBound(k), alone and
/// merged; and the sampler's bookkeeping: determinism, state round trips in the middle of a block, bulk adds equal to single adds.
/// </summary>
public sealed class QuantileSamplerTests(ITestOutputHelper output)
{
    private const int Million = 1_000_000;

    public static TheoryData<string, int, int> Streams()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var k in new[] { 16, 48, 200 })
        {
            foreach (var kind in new[] { "uniform", "normal", "ascending", "descending", "ties", "periodic" })
            {
                data.Add(kind, k, Million);
            }
        }

        data.Add("uniform", 16, 10 * Million);
        data.Add("periodic", 48, 10 * Million);
        return data;
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void On_long_streams_ranks_stay_within_the_bound_and_count_min_max_stay_exact(string kind, int k, int n)
    {
        var values = SketchData.Stream(kind, n);
        var sorted = values.Order().ToArray();
        var sketch = new QuantileSketch(k);
        sketch.Add(values);

        var state = sketch.ToState();
        Assert.True(state.SamplingLevel > 0, $"{n} values at k {k} should have started the sampler");
        Assert.Equal((n, sorted[0], sorted[^1]), (sketch.Count, sketch.Min, sketch.Max));
        AssertWithinBound(sketch, sorted, $"{kind}, k {k}, n {n}, s {state.SamplingLevel}");
        AssertSmall(state);
    }

    [Theory]
    [InlineData("uniform", 16, Million)]
    [InlineData("normal", 48, Million)]
    [InlineData("ascending", 48, Million)]
    [InlineData("periodic", 16, Million)]
    [InlineData("ties", 200, 10 * Million)]
    [InlineData("normal", 200, 10 * Million)]
    public void Merged_parts_with_different_sampling_levels_answer_for_the_union_within_the_bound(string kind, int k, int n)
    {
        // Parts from 500 values (no sampler) to half the stream, so their sampling levels differ; folded from the smallest part, from the
        // largest, and in a balanced tree.
        var values = SketchData.Stream(kind, n, seed: 7);
        var sorted = values.Order().ToArray();
        int[] ends = [500, n / 50, n / 6, n / 2, n];
        var parts = ends.Select((end, i) => values[(i == 0 ? 0 : ends[i - 1])..end]).ToArray();
        var levels = parts.Select(p => Of(p, k).ToState().SamplingLevel).ToArray();
        Assert.True(levels.Distinct().Count() >= 3, $"sampling levels {string.Join(", ", levels)} should differ");

        var fromSmallest = Of(parts[0], k);
        foreach (var part in parts[1..])
        {
            fromSmallest.Merge(Of(part, k));
        }

        var fromLargest = Of(parts[^1], k);
        foreach (var part in parts[..^1].Reverse())
        {
            fromLargest.Merge(Of(part, k));
        }

        var tree = Of(parts[0], k);
        tree.Merge(Of(parts[1], k));
        var right = Of(parts[2], k);
        right.Merge(Of(parts[3], k));
        right.Merge(Of(parts[4], k));
        tree.Merge(right);

        foreach (var (name, merged) in new[] { ("from the smallest", fromSmallest), ("from the largest", fromLargest), ("as a tree", tree) })
        {
            Assert.Equal((n, sorted[0], sorted[^1]), (merged.Count, merged.Min, merged.Max));
            AssertWithinBound(merged, sorted, $"{kind}, k {k}, parts at s {string.Join("/", levels)}, merged {name} (s {merged.ToState().SamplingLevel})");
            AssertSmall(merged.ToState());
        }
    }

    [Theory]
    [InlineData(16, 1000)]
    [InlineData(16, 100)]
    [InlineData(48, 50)]
    public void Many_sampling_bucket_sketches_merge_within_the_bound(int k, int buckets)
    {
        // As a drift window merges closed buckets' sketches (through their states): every bucket is sampling, with a block under way
        // whose partial block is frozen into the union.
        var values = SketchData.Stream("normal", Million, seed: 3);
        var sorted = values.Order().ToArray();
        var merged = new QuantileSketch(k);
        var (least, most) = (int.MaxValue, 0);
        foreach (var chunk in SketchData.Chunks(values, buckets))
        {
            var bucket = Of(chunk, k).ToState();
            (least, most) = (Math.Min(least, bucket.SamplingLevel), Math.Max(most, bucket.SamplingLevel));
            merged.Merge(QuantileSketch.FromState(bucket));
        }

        Assert.True(least > 0, "every bucket sketch should be sampling");
        Assert.Equal(Million, merged.Count);
        AssertWithinBound(merged, sorted, $"{buckets} buckets of normal at k {k} (bucket s {least}..{most})");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(48)]
    [InlineData(200)]
    public void The_same_values_give_the_same_state_with_the_sampler_on(int k)
    {
        var values = SketchData.Stream("uniform", 2 * Million, seed: 11);
        var one = Of(values, k);
        var two = Of(values, k);
        Assert.True(one.ToState().SamplingLevel > 0);
        QuantileSketchTests.AssertSame(one.ToState(), two.ToState());

        var merged = Of(values[..1000], k);
        merged.Merge(one);
        var again = Of(values[..1000], k);
        again.Merge(two);
        QuantileSketchTests.AssertSame(merged.ToState(), again.ToState());
    }

    [Theory]
    [InlineData(16)]
    [InlineData(48)]
    [InlineData(200)]
    public void A_state_taken_in_the_middle_of_a_block_goes_on_bit_for_bit(int k)
    {
        // Stop inside a block before its chosen value and inside another after it, restore, and go on with the same values: the restored
        // sketch must end where the one that never stopped does.
        var values = SketchData.Stream("normal", 2 * Million, seed: 5);
        var sketch = new QuantileSketch(k);
        var i = 0;
        var stops = new List<(string Where, QuantileSketchState State, int At)>();
        for (; stops.Count < 2; i++)
        {
            sketch.Add(values[i]);
            var state = sketch.ToState();
            if (state.SamplingLevel < 2 || state.BlockPosition is 0)
            {
                continue;
            }

            if (stops.Count == 0 && state.BlockPosition < state.BlockChoice)
            {
                stops.Add(("before its chosen value", state, i + 1));
            }
            else if (stops.Count == 1 && state.BlockPosition > state.BlockChoice + 1 && state.BlockPosition < (1L << state.SamplingLevel) - 1)
            {
                stops.Add(("after its chosen value", state, i + 1));
            }
        }

        var rest = values.AsSpan(i);
        sketch.Add(rest);
        foreach (var (where, state, at) in stops)
        {
            var restored = QuantileSketch.FromState(state);
            QuantileSketchTests.AssertSame(state, restored.ToState());
            restored.Add(values.AsSpan(at));
            QuantileSketchTests.AssertSame(sketch.ToState(), restored.ToState());
            output.WriteLine($"k {k}: stopped {where} at value {at} (s {state.SamplingLevel}, position {state.BlockPosition}, choice {state.BlockChoice}) and went on bit for bit");
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(48)]
    [InlineData(200)]
    public void Bulk_and_column_adds_give_the_state_of_single_adds_on_long_streams(int k)
    {
        // Zeros of both signs, infinities and NaN (missing for NumericSketch) among normal values, fed in runs of awkward lengths.
        var values = SketchData.Stream("normal", 1_500_000, seed: 9);
        for (var i = 0; i < values.Length; i += 997)
        {
            values[i] = (i / 997 % 4) switch { 0 => -0.0, 1 => 0.0, 2 => double.PositiveInfinity, _ => double.NegativeInfinity };
        }

        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        var single = new QuantileSketch(k);
        foreach (var x in present)
        {
            single.Add(x);
        }

        var bulk = new QuantileSketch(k);
        var withNaN = (double[])values.Clone();
        for (var i = 500; i < withNaN.Length; i += 1009)
        {
            withNaN[i] = double.NaN;
        }

        var numericSingle = new NumericSketch(k);
        var numericColumn = new NumericSketch(k);
        foreach (var x in withNaN)
        {
            numericSingle.Add(x);
        }

        int[] runs = [1, 3, 64, 1000, 7, 4096, 250, 65_537, 2];
        var (at, r) = (0, 0);
        while (at < present.Length)
        {
            var length = Math.Min(runs[r++ % runs.Length], present.Length - at);
            bulk.Add(present.AsSpan(at, length));
            at += length;
        }

        (at, r) = (0, 0);
        while (at < withNaN.Length)
        {
            var length = Math.Min(runs[r++ % runs.Length], withNaN.Length - at);
            numericColumn.Add(withNaN.AsSpan(at, length));
            at += length;
        }

        Assert.True(single.ToState().SamplingLevel > 0);
        QuantileSketchTests.AssertSame(single.ToState(), bulk.ToState());
        NumericSketchTests.AssertSame(numericSingle.ToState(), numericColumn.ToState());
        Assert.Equal(withNaN.Count(double.IsNaN), numericColumn.Missing);
    }

    [Fact]
    public void A_sketch_that_merged_a_sampling_one_keeps_saying_so_and_restores()
    {
        // The monitor's whole stream: a sampling k = 16 bucket folded into a k = 48 sketch.
        var bucket = new QuantileSketch(16);
        bucket.Add(SketchData.Stream("uniform", 100_000));
        var whole = new QuantileSketch(48);
        whole.Add(SketchData.Stream("normal", 50));
        whole.Merge(bucket);
        var state = whole.ToState();

        Assert.True(bucket.ToState().SamplingLevel > 0);
        Assert.True(state.Sampled);
        Assert.Equal(state.Items, QuantileSketch.FromState(state).ToState().Items);
        Assert.True(QuantileSketch.FromState(state).ToState().Sampled);

        // A sketch that never sampled still has to weigh exactly its count.
        var exact = new QuantileSketch(48);
        exact.Add(SketchData.Stream("normal", 500));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(exact.ToState() with { Count = 501 }));
    }

    [Fact]
    public void NaN_is_refused_while_sampling_after_the_values_before_it()
    {
        var values = SketchData.Stream("uniform", 300_000, seed: 2);
        var single = Of(values, 16);
        var bulk = Of(values, 16);
        Assert.True(single.ToState().SamplingLevel > 0);

        Assert.Throws<ArgumentException>(() => single.Add(double.NaN));
        single.Add(-0.0);
        single.Add(0.5);
        Assert.Throws<ArgumentException>(() => bulk.Add([-0.0, 0.5, double.NaN, 0.25]));
        QuantileSketchTests.AssertSame(single.ToState(), bulk.ToState());
        Assert.Equal(300_002, bulk.Count);
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(Of([-0.0, -0.0], 16).Min));
    }

    [Fact]
    public void A_state_written_before_the_sampler_still_reads_and_starts_sampling_as_it_grows()
    {
        // The JSON of a state as written before the sampler fields existed (a young sketch's state, written without them).
        var values = SketchData.Stream("uniform", 400, seed: 4);
        var young = Of(values, 16).ToState();
        Assert.Equal(0, young.SamplingLevel);
        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var json = JsonSerializer.Serialize(new { young.K, young.Count, young.Min, young.Max, young.Coin, young.LevelSizes, young.Items }, options);
        Assert.DoesNotContain("Sampling", json, StringComparison.Ordinal);
        var old = JsonSerializer.Deserialize<QuantileSketchState>(json, options)!;
        QuantileSketchTests.AssertSame(young, old);

        var restored = QuantileSketch.FromState(old);
        var more = SketchData.Stream("uniform", Million, seed: 6);
        restored.Add(more);
        Assert.True(restored.ToState().SamplingLevel > 0);
        AssertWithinBound(restored, values.Concat(more).Order().ToArray(), "an old state grown to a million values at k 16");
    }

    [Fact]
    public void An_old_state_taller_than_the_threshold_starts_sampling_at_its_next_compaction()
    {
        // Hand-worked: k 16 has capacities 16, ceil(16·2/3) = 11, then the floor of 8 from depth 2 (16·4/9 = 7.1), so D = 2 and 8 levels
        // call for s = 8 − 2 − 3 = 3. A state of the old format with one item at level 7 (weight 128) holds 1 of the 16 + 11 + 6·8 = 75
        // slots; 74 adds fill them. The compaction then halves level 0 (74 items, 37 up), and raising s to 3 compacts level 1 (37: 18 up,
        // 1 left) and level 2 (18: 9 up, none left): levels 0..7 hold 0, 1, 0, 9, 0, 0, 0, 1, weighing 2 + 72 + 128 = 202 = 128 + 74.
        var sketch = QuantileSketch.FromState(new QuantileSketchState(16, 128, 0.5, 0.5, 12345, [0, 0, 0, 0, 0, 0, 0, 1], [0.5]));
        for (var i = 0; i < 73; i++)
        {
            sketch.Add(i / 100.0);
        }

        Assert.Equal(0, sketch.ToState().SamplingLevel);
        sketch.Add(0.73);
        var state = sketch.ToState();
        Assert.Equal((3, 0L), (state.SamplingLevel, state.BlockPosition));
        Assert.Equal([0, 1, 0, 9, 0, 0, 0, 1], state.LevelSizes);
        Assert.Equal(202, sketch.Count);
    }

    [Fact]
    public void Sampler_fields_that_cannot_be_right_are_refused()
    {
        var good = Of(SketchData.Stream("uniform", 200_000), 16).ToState();
        Assert.True(good.SamplingLevel > 1);
        var size = 1L << good.SamplingLevel;
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { SamplingLevel = good.LevelSizes.Length }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { SamplingLevel = -1 }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { BlockPosition = size }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { BlockChoice = size }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(good with { BlockChoice = -1 }));

        var plain = Of(SketchData.Stream("uniform", 100), 16).ToState();
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(plain with { BlockPosition = 1 }));
        Assert.Throws<ArgumentException>(() => QuantileSketch.FromState(plain with { SamplingLevel = 1 }));
    }

    private static QuantileSketch Of(double[] values, int k)
    {
        var s = new QuantileSketch(k);
        foreach (var x in values)
        {
            s.Add(x);
        }

        return s;
    }

    private void AssertWithinBound(QuantileSketch sketch, double[] sorted, string what)
    {
        var bound = QuantileSketch.RankErrorBound(sketch.K);
        var (quantile, rank) = QuantileBoundTests.WorstErrors(sketch, sorted);
        output.WriteLine($"{what}: worst quantile rank error {quantile:F5}, worst Rank error {rank:F5}, bound {bound:F5}, {sketch.RetainedItems} items");
        Assert.True(quantile <= bound, $"{what}: quantile rank error {quantile} above {bound}");
        Assert.True(rank <= bound, $"{what}: Rank error {rank} above {bound}");
    }

    // The size test's bound: the capacities ceil(k (2/3)^d) add up to under 3k, plus at most 8 a level where the floor applies.
    private static void AssertSmall(QuantileSketchState state) =>
        Assert.True(state.Items.Length < (3 * state.K) + (8 * state.LevelSizes.Length), $"{state.Items.Length} items held in {state.LevelSizes.Length} levels at k {state.K}");
}
