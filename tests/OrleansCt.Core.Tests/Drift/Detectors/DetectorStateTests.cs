using OrleansCt.Core.Drift.Detectors;

namespace OrleansCt.Core.Tests.Drift.Detectors;

/// <summary>ExportState and DriftDetectors.Restore: a detector checkpointed anywhere on its published stream and restored continues exactly as the uninterrupted one.</summary>
public class DetectorStateTests
{
    private static readonly Dictionary<string, (Dictionary<string, string> Parameters, Func<double[]> Stream)> Cases = new()
    {
        ["adwin"] = (new(), RiverStreams.TwoDistributions),
        ["page-hinkley"] = (new(), RiverStreams.TwoDistributions),
        ["kswin"] = (new() { ["alpha"] = "0.0001", ["seed"] = "42" }, RiverStreams.TwoDistributions),
        ["ddm"] = (new(), RiverStreams.BinaryErrors03To07),
        ["eddm"] = (new() { ["alpha"] = "0.8", ["beta"] = "0.75" }, RiverStreams.BinaryErrors03To07),
        ["hddm-a"] = (new(), RiverStreams.BinaryErrors03To07),
        ["hddm-w"] = (new(), RiverStreams.BinaryErrors03To07),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Restored_detector_continues_exactly_as_the_uninterrupted_one(string name)
    {
        var (parameters, streamOf) = Cases[name];
        var expectsWarning = name is "ddm" or "eddm" or "hddm-a" or "hddm-w";
        RunSplits(name, parameters, streamOf(), expectsWarning);
    }

    [Fact]
    public void Kswin_without_a_seed_keeps_its_drawn_seed_across_a_restore()
    {
        // The drawn seed is state, not a parameter: resets after the restore must sample as the original would.
        RunSplits("kswin", new() { ["alpha"] = "0.0001" }, RiverStreams.TwoDistributions(), expectsWarning: false);
    }

    [Fact]
    public void Published_signals_survive_a_checkpoint_right_after_each_signal()
    {
        foreach (var (name, (parameters, streamOf)) in Cases)
        {
            var stream = streamOf();
            var expected = DriftSignalTracker.Run(DriftDetectors.Create(name, parameters), stream);
            foreach (var split in expected.Select(s => (int)s.Index + 1).Distinct())
            {
                var first = DriftDetectors.Create(name, parameters);
                var tracker = new DriftSignalTracker(first);
                var signals = stream.Take(split).SelectMany(tracker.Update).ToList();

                // The tracker's warning-pending flag is the caller's, not the detector's; it is carried over here.
                var restored = DriftDetectors.Restore(name, parameters, first.ExportState());
                var pending = signals.Count == 0 || signals[^1].Signal == DriftSignal.Drift;
                for (var i = split; i < stream.Length; i++)
                {
                    restored.Update(stream[i]);
                    if (restored.WarningDetected && pending)
                    {
                        signals.Add(new DriftSignal(i, DriftSignal.Warning));
                        pending = false;
                    }

                    if (restored.DriftDetected)
                    {
                        signals.Add(new DriftSignal(i, DriftSignal.Drift));
                        pending = true;
                    }
                }

                Assert.Equal(expected, signals);
            }
        }
    }

    [Fact]
    public void Infinities_are_written_by_name_and_read_back()
    {
        var state = new Ddm().ExportState();
        Assert.Contains("\"Infinity\"", state, StringComparison.Ordinal);
        Assert.Equal(state, DriftDetectors.Restore("ddm", null, state).ExportState());
    }

    [Fact]
    public void Doubles_round_trip_to_the_last_bit()
    {
        var ph = new PageHinkley();
        foreach (var x in new[] { 0.1, 1e-300, 2.0 / 3.0, -0.0, double.Epsilon, 1.7976931348623157e308 })
        {
            ph.Update(x);
        }

        var state = ph.ExportState();
        var restored = (PageHinkley)DriftDetectors.Restore("page-hinkley", null, state);
        Assert.Equal(BitConverter.DoubleToInt64Bits(ph.IncreaseStatistic), BitConverter.DoubleToInt64Bits(restored.IncreaseStatistic));
        Assert.Equal(BitConverter.DoubleToInt64Bits(ph.DecreaseStatistic), BitConverter.DoubleToInt64Bits(restored.DecreaseStatistic));
        Assert.Equal(state, restored.ExportState());
    }

    [Fact]
    public void State_of_another_detector_is_refused_naming_both()
    {
        foreach (var from in Cases.Keys)
        {
            var state = DriftDetectors.Create(from, Cases[from].Parameters).ExportState();
            foreach (var into in Cases.Keys.Where(k => k != from))
            {
                var error = Assert.Throws<ArgumentException>(() => DriftDetectors.Restore(into, Cases[into].Parameters, state));
                Assert.Contains($"of detector '{from}', not '{into}'", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("ddm", "not json", "not valid JSON")]
    [InlineData("ddm", "[1, 2]", "not an object")]
    [InlineData("ddm", "{}", "no \"detector\" name")]
    [InlineData("ddm", "{\"detector\":\"ddm\",\"version\":2}", "\"version\" is not 1")]
    [InlineData("ddm", "{\"detector\":\"ddm\",\"version\":1}", "Malformed ddm state")]
    [InlineData("hddm-a", "{\"detector\":\"hddm-a\",\"version\":1,\"drift_detected\":false,\"warning_detected\":false,\"z\":{\"n\":1,\"mean\":1},\"x_min\":null,\"x_max\":{\"n\":1,\"mean\":1}}", "Malformed hddm-a state")]
    public void Malformed_state_is_refused_naming_the_problem(string name, string state, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => DriftDetectors.Restore(name, null, state));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_and_mistyped_fields_are_refused()
    {
        var state = new Eddm().ExportState();
        var extra = state.Replace("{\"detector\"", "{\"extra\":1,\"detector\"", StringComparison.Ordinal);
        Assert.Contains("extra", Assert.Throws<ArgumentException>(() => DriftDetectors.Restore("eddm", null, extra)).Message, StringComparison.Ordinal);
        var mistyped = state.Replace("\"n\":0", "\"n\":\"zero\"", StringComparison.Ordinal);
        Assert.NotEqual(state, mistyped);
        Assert.Contains("Malformed eddm state", Assert.Throws<ArgumentException>(() => DriftDetectors.Restore("eddm", null, mistyped)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kswin_state_that_does_not_fit_the_parameters_is_refused()
    {
        var kswin = new Kswin(seed: 7);
        foreach (var x in RiverStreams.TwoDistributions().Take(150))
        {
            kswin.Update(x);
        }

        var state = kswin.ExportState();
        var small = new Dictionary<string, string> { ["seed"] = "7", ["window_size"] = "60", ["stat_size"] = "30" };
        Assert.Contains("window_size (60)", Assert.Throws<ArgumentException>(() => DriftDetectors.Restore("kswin", small, state)).Message, StringComparison.Ordinal);
        var otherSeed = new Dictionary<string, string> { ["seed"] = "8" };
        Assert.Contains("seed parameter 8", Assert.Throws<ArgumentException>(() => DriftDetectors.Restore("kswin", otherSeed, state)).Message, StringComparison.Ordinal);
        var truncated = state.Replace("\"mt\":[", "\"mt\":[1,", StringComparison.Ordinal);
        Assert.Contains("625 words", Assert.Throws<ArgumentException>(() => DriftDetectors.Restore("kswin", new Dictionary<string, string> { ["seed"] = "7" }, truncated)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adwin_rows_longer_than_max_buckets_are_refused()
    {
        var adwin = new Adwin();
        foreach (var x in RiverStreams.TwoDistributions().Take(100))
        {
            adwin.Update(x);
        }

        var state = adwin.ExportState();
        var error = Assert.Throws<ArgumentException>(() => DriftDetectors.Restore("adwin", new Dictionary<string, string> { ["max_buckets"] = "2" }, state));
        Assert.Contains("max_buckets (2)", error.Message, StringComparison.Ordinal);
    }

    private static void RunSplits(string name, Dictionary<string, string> parameters, double[] stream, bool expectsWarning)
    {
        // One uninterrupted run records the flags after every update; its state is taken at each split on the way.
        var original = DriftDetectors.Create(name, parameters);
        var flags = new (bool Drift, bool Warning)[stream.Length];
        var states = new string[stream.Length + 1];
        states[0] = original.ExportState();
        for (var i = 0; i < stream.Length; i++)
        {
            original.Update(stream[i]);
            flags[i] = (original.DriftDetected, original.WarningDetected);
            states[i + 1] = original.ExportState();
        }

        var finalState = original.ExportState();
        var splits = SplitPoints(flags);
        Assert.Contains(splits, s => s > 0 && flags[s - 1].Drift);
        if (expectsWarning)
        {
            Assert.Contains(splits, s => s > 0 && flags[s - 1].Warning);
        }

        foreach (var split in splits)
        {
            var restored = DriftDetectors.Restore(name, parameters, states[split]);
            Assert.Equal(states[split], restored.ExportState());
            for (var i = split; i < stream.Length; i++)
            {
                restored.Update(stream[i]);
                Assert.True(flags[i] == (restored.DriftDetected, restored.WarningDetected), $"{name} restored at {split} differs at index {i}.");
            }

            Assert.Equal(finalState, restored.ExportState());
        }
    }

    /// <summary>Fixed points, right after and one past each drift, and the first and middle update of each warning run.</summary>
    private static List<int> SplitPoints((bool Drift, bool Warning)[] flags)
    {
        var splits = new SortedSet<int> { 0, 1, 2, 31, 100, 500, 999, 1000, 1001, 1500, flags.Length - 1, flags.Length };
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i].Drift)
            {
                splits.Add(i + 1);
                splits.Add(Math.Min(i + 2, flags.Length));
            }

            if (flags[i].Warning && (i == 0 || !flags[i - 1].Warning))
            {
                var end = i;
                while (end + 1 < flags.Length && flags[end + 1].Warning)
                {
                    end++;
                }

                splits.Add(i + 1);
                splits.Add(((i + end) / 2) + 1);
            }
        }

        return [.. splits];
    }
}
