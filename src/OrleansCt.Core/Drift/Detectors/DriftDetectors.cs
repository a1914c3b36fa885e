namespace OrleansCt.Core.Drift.Detectors;

/// <summary>Builds a detector from its name and River's parameter names with text values (drift-detectors.md, "Detectors and defaults").</summary>
public static class DriftDetectors
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["adwin", "page-hinkley", "kswin", "ddm", "eddm", "hddm-a", "hddm-w"];

    private static readonly Dictionary<string, PageHinkleyMode> Modes = new(StringComparer.Ordinal)
    {
        ["both"] = PageHinkleyMode.Both,
        ["up"] = PageHinkleyMode.Up,
        ["down"] = PageHinkleyMode.Down,
    };

    /// <summary>Creates the named detector; unset parameters take River's defaults. Throws an <see cref="ArgumentException"/> naming an unknown detector or parameter, or a value that does not fit.</summary>
    public static IDriftDetector Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant().Replace('_', '-');
        var p = new DetectorParameters(key, parameters ?? new Dictionary<string, string>());
        IDriftDetector Build() => key switch
        {
            "adwin" => new Adwin(p.Double("delta", 0.002), p.Int("clock", 32), p.Int("max_buckets", 5), p.Int("min_window_length", 5), p.Int("grace_period", 10)),
            "page-hinkley" or "pagehinkley" => new PageHinkley(p.Int("min_instances", 30), p.Double("delta", 0.005), p.Double("threshold", 50.0), p.Double("alpha", 1 - 0.0001), p.Choice("mode", PageHinkleyMode.Both, Modes)),
            "kswin" => new Kswin(p.Double("alpha", 0.005), p.Int("window_size", 100), p.Int("stat_size", 30), p.NullableLong("seed", null)),
            "ddm" => new Ddm(WarmStart(p), p.Double("warning_threshold", 2.0), p.Double("drift_threshold", 3.0)),
            "eddm" => new Eddm(WarmStart(p), p.Double("alpha", 0.95), p.Double("beta", 0.9)),
            "hddm-a" or "hddma" => new HddmA(p.Double("drift_confidence", 0.001), p.Double("warning_confidence", 0.005), p.Bool("two_sided_test", false)),
            "hddm-w" or "hddmw" => new HddmW(p.Double("drift_confidence", 0.001), p.Double("warning_confidence", 0.005), p.Double("lambda_val", 0.05), p.Bool("two_sided_test", false)),
            _ => throw new ArgumentException($"Unknown drift detector '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
        };

        // Arguments are read before the constructor runs, so unknown names are reported only after
        // the known ones parsed; the constructor's own range checks come first for values out of range.
        var detector = Build();
        p.RejectUnknown();
        return detector;
    }

    /// <summary>
    /// Builds the named detector with <paramref name="parameters"/>, as <see cref="Create"/>, and loads <paramref name="state"/>,
    /// written by <see cref="IDriftDetector.ExportState"/> of a detector of the same name and parameters. Throws an
    /// <see cref="ArgumentException"/> naming the problem for a state of another detector, or a malformed one.
    /// </summary>
    public static IDriftDetector Restore(string name, IReadOnlyDictionary<string, string>? parameters, string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var detector = Create(name, parameters);
        ((IStateImport)detector).ImportState(state);
        return detector;
    }

    // min_num_instances is the name older River releases gave warm_start.
    private static int WarmStart(DetectorParameters p) => p.Int("warm_start", p.Int("min_num_instances", 30));
}
