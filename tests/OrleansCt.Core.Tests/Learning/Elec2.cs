using System.Globalization;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>The elec2 stream as one columnar batch, with the definition the brief fixes for it.</summary>
internal static class Elec2
{
    public static readonly string[] NumericNames = ["date", "period", "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer"];

    private static readonly Lazy<EventBatch> Data = new(Load);

    public static EventBatch Batch => Data.Value;

    public static ModelDefinition Definition(LearnerSpec learner) => new()
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        Features =
        [
            .. NumericNames.Take(1).Select(Numeric),
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Categories = ["1", "2", "3", "4", "5", "6", "7"] },
            .. NumericNames.Skip(1).Select(Numeric),
        ],
        Learner = learner,
    };

    private static FeatureSpec Numeric(string name) => new() { Name = name, Type = FeatureType.Numeric, Min = 0, Max = 1 };

    private static EventBatch Load()
    {
        var lines = File.ReadAllLines(RepoFiles.PathOf("data/elec2/elec2.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Length - 1;
        var numeric = NumericNames.Select(_ => new double[rows]).ToArray();
        var day = new string?[rows];
        var labels = new double[rows];
        var numericColumns = NumericNames.Select(n => Array.IndexOf(header, n)).ToArray();
        var dayColumn = Array.IndexOf(header, "day");
        var classColumn = Array.IndexOf(header, "class");
        for (var r = 0; r < rows; r++)
        {
            var fields = lines[r + 1].Split(',');
            for (var j = 0; j < numericColumns.Length; j++)
            {
                numeric[j][r] = double.Parse(fields[numericColumns[j]], CultureInfo.InvariantCulture);
            }

            day[r] = fields[dayColumn];
            labels[r] = fields[classColumn] switch
            {
                "DOWN" => 0,
                "UP" => 1,
                var other => throw new InvalidDataException($"elec2 row {r}: unknown class '{other}'"),
            };
        }

        return new EventBatch
        {
            Ids = Enumerable.Range(0, rows).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
            Times = Enumerable.Range(0, rows).Select(i => i * 1800.0).ToArray(),
            Numeric = numeric,
            Categorical = [day],
            Labels = labels,
        };
    }
}
