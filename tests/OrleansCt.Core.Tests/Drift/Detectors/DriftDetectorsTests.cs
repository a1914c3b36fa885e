using OrleansCt.Core.Drift.Detectors;

namespace OrleansCt.Core.Tests.Drift.Detectors;

public class DriftDetectorsTests
{
    [Theory]
    [InlineData("adwin", typeof(Adwin))]
    [InlineData("page-hinkley", typeof(PageHinkley))]
    [InlineData("kswin", typeof(Kswin))]
    [InlineData("ddm", typeof(Ddm))]
    [InlineData("eddm", typeof(Eddm))]
    [InlineData("hddm-a", typeof(HddmA))]
    [InlineData("hddm-w", typeof(HddmW))]
    public void Every_name_builds_its_detector(string name, Type type) =>
        Assert.IsType(type, DriftDetectors.Create(name, new Dictionary<string, string>()));

    [Fact]
    public void Snake_case_and_camel_case_names_set_the_parameters()
    {
        var ddm = (Ddm)DriftDetectors.Create("ddm", new Dictionary<string, string> { ["warm_start"] = "50", ["driftThreshold"] = "2.5" });
        Assert.Equal((50, 2.0, 2.5), (ddm.WarmStart, ddm.WarningThreshold, ddm.DriftThreshold));

        var hddmW = (HddmW)DriftDetectors.Create("hddm-w", new Dictionary<string, string> { ["lambda_val"] = "0.1", ["two_sided_test"] = "True" });
        Assert.Equal((0.1, true), (hddmW.LambdaVal, hddmW.TwoSidedTest));

        var ph = (PageHinkley)DriftDetectors.Create("page-hinkley", new Dictionary<string, string> { ["mode"] = "up", ["min_instances"] = "10" });
        Assert.Equal((PageHinkleyMode.Up, 10), (ph.Mode, ph.MinInstances));

        var kswin = (Kswin)DriftDetectors.Create("kswin", new Dictionary<string, string> { ["seed"] = "42", ["window_size"] = "200" });
        Assert.Equal((42L, 42L, 200), (kswin.Seed, kswin.EffectiveSeed, kswin.WindowSize));
    }

    [Fact]
    public void Defaults_are_Rivers()
    {
        var adwin = (Adwin)DriftDetectors.Create("adwin", new Dictionary<string, string>());
        Assert.Equal((0.002, 32, 5, 5, 10), (adwin.Delta, adwin.Clock, adwin.MaxBuckets, adwin.MinWindowLength, adwin.GracePeriod));
        var eddm = (Eddm)DriftDetectors.Create("eddm", new Dictionary<string, string>());
        Assert.Equal((30, 0.95, 0.9), (eddm.WarmStart, eddm.Alpha, eddm.Beta));
        var hddmA = (HddmA)DriftDetectors.Create("hddm-a", new Dictionary<string, string>());
        Assert.Equal((0.001, 0.005, false), (hddmA.DriftConfidence, hddmA.WarningConfidence, hddmA.TwoSidedTest));
    }

    [Fact]
    public void Unknown_detector_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => DriftDetectors.Create("cusum", new Dictionary<string, string>()));
        Assert.Contains("'cusum'", error.Message, StringComparison.Ordinal);
        Assert.Contains("page-hinkley", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_parameter_is_named_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => DriftDetectors.Create("adwin", new Dictionary<string, string> { ["lambda_val"] = "0.1" }));
        Assert.Contains("'lambda_val'", error.Message, StringComparison.Ordinal);
        Assert.Contains("grace_period", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ddm", "warm_start", "ten")]
    [InlineData("adwin", "delta", "1.5")]
    [InlineData("page-hinkley", "mode", "sideways")]
    [InlineData("hddm-a", "two_sided_test", "maybe")]
    [InlineData("eddm", "beta", "0.99")]
    [InlineData("kswin", "stat_size", "60")]
    public void Bad_values_are_refused_naming_the_parameter(string detector, string parameter, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => DriftDetectors.Create(detector, new Dictionary<string, string> { [parameter] = value }));
        Assert.Contains(parameter == "beta" ? "alpha" : parameter, error.Message, StringComparison.Ordinal);
    }
}
