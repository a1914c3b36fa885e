using System.Globalization;
using System.Text;
using OrleansCt.Testing;

namespace OrleansCt.Benchmarks;

/// <summary>
/// A stream with no drift of any kind, as the falsealarms scenario posts it: a definition (hourly buckets and everything else at
/// the defaults, Page-Hinkley and ADWIN on the error stream), row i at i × <see cref="StepSeconds"/>, and each row as one event
/// of a POST /events body with its label (prequential).
/// </summary>
public sealed record StationaryStream(string Name, string Note, string Definition, int Rows, double StepSeconds, Func<int, string> Event)
{
    /// <summary>Monitoring as the issue's run: hourly buckets, the one-day window and the 1,000-event reference by default, two detectors.</summary>
    public const string Monitoring = """{"bucketSeconds": 3600, "detectors": [{"kind": "page-hinkley"}, {"kind": "adwin"}]}""";

    /// <summary>Event time spanned by the stream, in days.</summary>
    public double Days => Rows * StepSeconds / 86_400;

    /// <summary>One POST /events body of rows [from, to).</summary>
    public string Body(int from, int to)
    {
        var json = new StringBuilder((to - from) * 200).Append("{\"events\":[");
        for (var i = from; i < to; i++)
        {
            json.Append(i > from ? "," : "").Append(Event(i));
        }

        return json.Append("]}").ToString();
    }

    /// <summary>elec2 (data/elec2/elec2.csv) in a seeded random order, row i at i × <paramref name="step"/> seconds (1,800: the project's elec2 clock).</summary>
    public static StationaryStream Elec2(int seed, int limit, double step)
    {
        var lines = File.ReadAllLines(RepoFiles.PathOf("data/elec2/elec2.csv"));
        var header = lines[0].Split(',');
        var order = Shuffled(lines.Length - 1, seed);
        var rows = Math.Min(limit, order.Length);
        var numeric = new[] { "date", "period", "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer" };
        var definition = $$"""
            {"task": "binary", "target": "class", "classes": ["DOWN", "UP"], "positiveClass": "UP",
             "features": [{{string.Join(", ", numeric.Select(n => $"{{\"name\": \"{n}\", \"type\": \"numeric\"}}"))}},
                          {"name": "day", "type": "categorical", "categories": ["1","2","3","4","5","6","7"]}],
             "monitoring": {{Monitoring}}}
            """;
        string Event(int i)
        {
            var cells = lines[order[i] + 1].Split(',');
            var features = string.Join(',', numeric.Select(n => $"\"{n}\":{cells[Array.IndexOf(header, n)]}"));
            return Row(i, step, $"\"{cells[Array.IndexOf(header, "class")]}\"", $"{features},\"day\":\"{cells[Array.IndexOf(header, "day")]}\"");
        }

        return new StationaryStream($"elec2 shuffled (seed {seed}, step {step:0} s)", $"45,312 rows, 7 numeric + day, label class; row i at i × {step:0} s", definition, rows, step, Event);
    }

    /// <summary>California housing (data/housing/housing.csv) in a seeded random order, row i at i minutes; a regression on median_house_value.</summary>
    public static StationaryStream Housing(int seed, int limit)
    {
        var lines = File.ReadAllLines(RepoFiles.PathOf("data/housing/housing.csv"));
        var header = lines[0].Split(',');
        var order = Shuffled(lines.Length - 1, seed);
        var rows = Math.Min(limit, order.Length);
        var target = Array.IndexOf(header, "median_house_value");
        var numeric = header.Where((h, c) => c != target && h != "ocean_proximity").ToArray();
        var definition = $$"""
            {"task": "regression", "target": "median_house_value",
             "features": [{{string.Join(", ", numeric.Select(n => $"{{\"name\": \"{n}\", \"type\": \"numeric\", \"required\": false}}"))}},
                          {"name": "ocean_proximity", "type": "categorical"}],
             "monitoring": {{Monitoring}}}
            """;
        string Event(int i)
        {
            var cells = lines[order[i] + 1].Split(',');
            var features = numeric.Select(n => (n, v: cells[Array.IndexOf(header, n)])).Where(p => p.v.Length > 0).Select(p => $"\"{p.n}\":{p.v}")
                .Append($"\"ocean_proximity\":\"{cells[Array.IndexOf(header, "ocean_proximity")]}\"");
            return Row(i, 60, cells[target], string.Join(',', features));
        }

        return new StationaryStream($"housing shuffled (seed {seed})", "20,640 rows, 8 numeric (total_bedrooms with blanks) + ocean_proximity, label median_house_value; step 60 s", definition, rows, 60, Event);
    }

    /// <summary>
    /// Three numeric features drawn independently for every row from fixed distributions — x1 ~ N(0, 1), x2 ~ lognormal(0, 0.5),
    /// x3 ~ Poisson(6) (whole numbers: ties) — and the label UP when x1 − ln x2 + 0.2 (x3 − 6) + N(0, 1) &gt; 0; row i at i minutes.
    /// </summary>
    public static StationaryStream Synthetic(int seed, int rows)
    {
        var values = new double[rows][];
        var random = new Random(seed);
        for (var i = 0; i < rows; i++)
        {
            var (x1, x2, x3) = (Normal(random), Math.Exp(0.5 * Normal(random)), Poisson(random, 6));
            values[i] = [x1, x2, x3, x1 - Math.Log(x2) + (0.2 * (x3 - 6)) + Normal(random)];
        }

        const string definition = $$"""
            {"task": "binary", "target": "y", "classes": ["DOWN", "UP"], "positiveClass": "UP",
             "features": [{"name": "x1", "type": "numeric"}, {"name": "x2", "type": "numeric"}, {"name": "x3", "type": "numeric"}],
             "monitoring": {{Monitoring}}}
            """;
        string Event(int i)
        {
            var v = values[i];
            return Row(i, 60, v[3] > 0 ? "\"UP\"" : "\"DOWN\"", string.Create(CultureInfo.InvariantCulture, $"\"x1\":{v[0]:R},\"x2\":{v[1]:R},\"x3\":{v[2]:R}"));
        }

        return new StationaryStream($"synthetic (seed {seed})", $"{rows:N0} rows: x1 ~ N(0,1), x2 ~ lognormal(0, 0.5), x3 ~ Poisson(6); label from x1 − ln x2 + 0.2(x3 − 6) + noise; step 60 s", definition, rows, 60, Event);
    }

    private static string Row(int i, double step, string label, string features) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"r{i}\",\"time\":{i * step:R},\"label\":{label},\"features\":{{{features}}}}}");

    private static int[] Shuffled(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    /// <summary>A standard normal draw (Box–Muller, cosine branch).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A Poisson draw by Knuth's product of uniforms.</summary>
    private static int Poisson(Random random, double mean)
    {
        var (limit, product, k) = (Math.Exp(-mean), random.NextDouble(), 0);
        while (product > limit)
        {
            product *= random.NextDouble();
            k++;
        }

        return k;
    }
}
