using System.Globalization;
using OrleansCt.Core.Drift.Detectors;

namespace OrleansCt.Cli;

/// <summary>"detect": runs a concept-drift detector over a CSV column and prints its signals as JSON lines (drift-detectors.md, "Shared semantics").</summary>
public static class DetectCommand
{
    public static int Run(DetectOptions options, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);

        // The detector is built first so a bad name or parameter is reported before the file is read.
        var detector = DriftDetectors.Create(options.Detector, options.Parameters);
        var values = CsvColumn.Read(options.Input, options.Column);
        foreach (var signal in DriftSignalTracker.Run(detector, values))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"index\": {signal.Index}, \"signal\": \"{signal.Signal}\"}}"));
        }

        return CliApp.Ok;
    }
}
