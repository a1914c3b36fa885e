using System.Text.Json;
using OrleansCt.Core.Drift.Detectors;

namespace OrleansCt.Core.Tests.Drift.Detectors;

/// <summary>The outputs River prints in its documented examples (the docstrings of river/drift/*.py and river/drift/binary/*.py, rendered at riverml.xyz/latest/api/drift/).</summary>
public class PublishedExamplesTests
{
    public static TheoryData<string> ExpectedCases()
    {
        var data = new TheoryData<string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(OrleansCt.Testing.RepoFiles.PathOf("tests/reference/vectors/expected.json")));
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            data.Add(item.GetProperty("detector").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedCases))]
    public void Shared_expected_json_is_reproduced(string detector)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(OrleansCt.Testing.RepoFiles.PathOf("tests/reference/vectors/expected.json")));
        var item = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("detector").GetString() == detector);
        var parameters = item.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        var expected = item.GetProperty("expected").EnumerateArray()
            .Select(e => new DriftSignal(e.GetProperty("index").GetInt64(), e.GetProperty("signal").GetString()!))
            .ToList();

        var stream = RiverStreams.ReadShared(item.GetProperty("stream").GetString()!);
        Assert.Equal(expected, DriftSignalTracker.Run(DriftDetectors.Create(detector, parameters), stream));
    }

    [Fact]
    public void Adwin_defaults_change_at_1023()
    {
        // river/drift/adwin.py docstring: "Change detected at index 1023, input value: 5".
        Assert.Equal([new DriftSignal(1023, "drift")], DriftSignalTracker.Run(new Adwin(), RiverStreams.TwoDistributions()));
    }

    [Fact]
    public void PageHinkley_defaults_change_at_1006()
    {
        // river/drift/page_hinkley.py docstring: "Change detected at index 1006, input value: 5".
        Assert.Equal([new DriftSignal(1006, "drift")], DriftSignalTracker.Run(new PageHinkley(), RiverStreams.TwoDistributions()));
    }

    [Fact]
    public void Kswin_alpha_0_0001_seed_42_changes_at_1016()
    {
        // river/drift/kswin.py docstring: KSWIN(alpha=0.0001, seed=42), "Change detected at index 1016, input value: 6".
        Assert.Equal([new DriftSignal(1016, "drift")], DriftSignalTracker.Run(new Kswin(alpha: 0.0001, seed: 42), RiverStreams.TwoDistributions()));
    }

    [Fact]
    public void Ddm_defaults_warn_at_1084_change_at_1334_warn_at_1492()
    {
        // river/drift/binary/ddm.py docstring.
        DriftSignal[] expected = [new(1084, "warning"), new(1334, "drift"), new(1492, "warning")];
        Assert.Equal(expected, DriftSignalTracker.Run(new Ddm(), RiverStreams.BinaryErrors03To07()));
    }

    [Fact]
    public void Eddm_alpha_0_8_beta_0_75_warns_at_1059_changes_at_1278()
    {
        // river/drift/binary/eddm.py docstring: EDDM(alpha=0.8, beta=0.75).
        DriftSignal[] expected = [new(1059, "warning"), new(1278, "drift")];
        Assert.Equal(expected, DriftSignalTracker.Run(new Eddm(alpha: 0.8, beta: 0.75), RiverStreams.BinaryErrors03To07()));
    }

    [Fact]
    public void HddmA_defaults_warn_at_451_change_at_1206()
    {
        // river/drift/binary/hddm_a.py docstring.
        DriftSignal[] expected = [new(451, "warning"), new(1206, "drift")];
        Assert.Equal(expected, DriftSignalTracker.Run(new HddmA(), RiverStreams.BinaryErrors03To07()));
    }

    [Fact]
    public void HddmW_defaults_warn_at_451_change_at_1077()
    {
        // river/drift/binary/hddm_w.py docstring.
        DriftSignal[] expected = [new(451, "warning"), new(1077, "drift")];
        Assert.Equal(expected, DriftSignalTracker.Run(new HddmW(), RiverStreams.BinaryErrors03To07()));
    }
}
