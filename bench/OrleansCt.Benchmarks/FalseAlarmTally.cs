using System.Text.Json;

namespace OrleansCt.Benchmarks;

/// <summary>
/// Every scored window's verdict per column over one stationary stream, from GET /drift read often enough that no window leaves the
/// feature window's ring unread.
/// </summary>
public sealed class FalseAlarmTally(double windowSeconds)
{
    private readonly SortedDictionary<string, SortedDictionary<double, Verdict>> _columns = new(StringComparer.Ordinal);

    /// <summary>The latest window end read so far (the next read asks from just after it).</summary>
    public double LastWindowEnd { get; private set; } = double.NegativeInfinity;

    /// <summary>Takes the points of a GET /drift answer: the features' verdicts, and the prediction's and label's as "(prediction)", "(label)".</summary>
    public void AddDrift(JsonElement drift)
    {
        foreach (var point in drift.GetProperty("points").EnumerateArray())
        {
            var end = point.GetProperty("windowEnd").GetDouble();
            LastWindowEnd = Math.Max(LastWindowEnd, end);
            foreach (var column in point.GetProperty("features").EnumerateArray())
            {
                Add(column.GetProperty("name").GetString()!, end, column);
            }

            foreach (var output in new[] { "prediction", "label" })
            {
                if (point.TryGetProperty(output, out var column) && column.ValueKind == JsonValueKind.Object)
                {
                    Add($"({output})", end, column);
                }
            }
        }
    }

    /// <summary>Per column: windows scored, the share judged drifted, the same over disjoint windows (every windowSeconds), the statistic and threshold range.</summary>
    public IEnumerable<ColumnRate> Rates() => _columns.Select(c =>
    {
        var all = c.Value.Values.ToList();
        var first = c.Value.Keys.First();
        var disjoint = c.Value.Where(p => Math.Abs(Math.IEEERemainder(p.Key - first, windowSeconds)) < 1).Select(p => p.Value).ToList();
        return new ColumnRate(
            c.Key,
            string.Join('/', all.Select(v => v.Statistic).Distinct()),
            all.Min(v => v.Threshold),
            all.Max(v => v.Threshold),
            all.Count,
            all.Count(v => v.Drifted),
            disjoint.Count,
            disjoint.Count(v => v.Drifted));
    });

    private void Add(string name, double end, JsonElement column)
    {
        if (!_columns.TryGetValue(name, out var verdicts))
        {
            _columns[name] = verdicts = [];
        }

        verdicts[end] = new Verdict(column.GetProperty("statistic").GetString()!, column.GetProperty("threshold").GetDouble(), column.GetProperty("drifted").GetBoolean());
    }

    private sealed record Verdict(string Statistic, double Threshold, bool Drifted);
}

/// <summary>One column's verdicts over a stream.</summary>
public sealed record ColumnRate(string Name, string Statistic, double MinThreshold, double MaxThreshold, int Windows, int Drifted, int DisjointWindows, int DisjointDrifted)
{
    /// <summary>Share of all scored windows judged drifted.</summary>
    public double Rate => (double)Drifted / Windows;
}
