using System.Globalization;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>California housing (file order) as one columnar batch: eight numeric features, ocean_proximity, median_house_value as the target.</summary>
internal static class Housing
{
    public static readonly string[] NumericNames =
        ["longitude", "latitude", "housing_median_age", "total_rooms", "total_bedrooms", "population", "households", "median_income"];

    private static readonly Lazy<EventBatch> Data = new(Load);

    public static EventBatch Batch => Data.Value;

    public static ModelDefinition Definition(LearnerSpec learner) => new()
    {
        Task = ModelTask.Regression,
        Target = "median_house_value",
        Features =
        [
            .. NumericNames.Select(n => new FeatureSpec { Name = n, Type = FeatureType.Numeric }),
            new FeatureSpec { Name = "ocean_proximity", Type = FeatureType.Categorical, Categories = ["<1H OCEAN", "INLAND", "NEAR OCEAN", "NEAR BAY", "ISLAND"] },
        ],
        Learner = learner,
    };

    private static EventBatch Load()
    {
        var lines = File.ReadAllLines(RepoFiles.PathOf("data/housing/housing.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Length - 1;
        var numeric = NumericNames.Select(_ => new double[rows]).ToArray();
        var ocean = new string?[rows];
        var labels = new double[rows];
        var numericColumns = NumericNames.Select(n => Array.IndexOf(header, n)).ToArray();
        var oceanColumn = Array.IndexOf(header, "ocean_proximity");
        var targetColumn = Array.IndexOf(header, "median_house_value");
        for (var r = 0; r < rows; r++)
        {
            var fields = lines[r + 1].Split(',');
            for (var j = 0; j < numericColumns.Length; j++)
            {
                var text = fields[numericColumns[j]];
                numeric[j][r] = text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);
            }

            ocean[r] = fields[oceanColumn];
            labels[r] = double.Parse(fields[targetColumn], CultureInfo.InvariantCulture);
        }

        return new EventBatch
        {
            Ids = Enumerable.Range(0, rows).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
            Times = Enumerable.Range(0, rows).Select(i => (double)i).ToArray(),
            Numeric = numeric,
            Categorical = [ocean],
            Labels = labels,
        };
    }
}
