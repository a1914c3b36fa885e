using System.Globalization;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Testing;

namespace OrleansCt.Benchmarks;

/// <summary>elec2 (data/elec2/elec2.csv) in file order as one columnar batch: 7 numeric features, the day as a category.</summary>
public static class Elec2Stream
{
    public const string RelativePath = "data/elec2/elec2.csv";

    private static readonly string[] NumericNames = ["date", "period", "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer"];

    public static ModelDefinition Definition(LearnerSpec learner) => new()
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        Features =
        [
            .. NumericNames.Select(n => new FeatureSpec { Name = n, Type = FeatureType.Numeric, Min = 0, Max = 1 }),
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Categories = ["1", "2", "3", "4", "5", "6", "7"] },
        ],
        Learner = learner,
    };

    /// <summary>The first <paramref name="limit"/> rows (all when 0); event time is the row position times 30 minutes.</summary>
    public static EventBatch Load(int limit = 0)
    {
        var lines = File.ReadAllLines(RepoFiles.PathOf(RelativePath));
        var header = lines[0].Split(',');
        var rows = limit > 0 ? Math.Min(limit, lines.Length - 1) : lines.Length - 1;
        var columns = NumericNames.Select(n => Array.IndexOf(header, n)).ToArray();
        var (dayColumn, classColumn) = (Array.IndexOf(header, "day"), Array.IndexOf(header, "class"));
        var numeric = NumericNames.Select(_ => new double[rows]).ToArray();
        var day = new string?[rows];
        var labels = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var fields = lines[r + 1].Split(',');
            for (var j = 0; j < columns.Length; j++)
            {
                numeric[j][r] = double.Parse(fields[columns[j]], CultureInfo.InvariantCulture);
            }

            day[r] = fields[dayColumn];
            labels[r] = fields[classColumn] == "UP" ? 1 : 0;
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
