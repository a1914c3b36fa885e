using System.Globalization;
using OrleansCt.Core.Schema;

namespace OrleansCt.Benchmarks;

/// <summary>Monitoring settings from the command line (--ring 6 --quantile-k 16 --category-cap 8), defaults otherwise.</summary>
public static class Settings
{
    public static MonitoringSpec Monitoring(string[] args)
    {
        var spec = new MonitoringSpec();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (!int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            spec = args[i] switch
            {
                "--ring" => spec with { Ring = value },
                "--quantile-k" => spec with { QuantileK = value },
                "--category-cap" => spec with { CategoryCap = value },
                "--auc-bins" => spec with { AucBins = value },
                _ => spec,
            };
        }

        return spec;
    }
}
