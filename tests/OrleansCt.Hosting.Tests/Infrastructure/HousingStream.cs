using System.Globalization;
using System.Text;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Infrastructure;

/// <summary>
/// The shared housing file in a seeded random order (System.Random(seed) shuffles the same way on every run), so
/// nothing drifts along the stream: position j at j × 60 s. Optionally one numeric feature is changed from a position
/// on, as x × 1.8 + 32 (Celsius to Fahrenheit).
/// </summary>
public sealed class HousingStream
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(RepoFiles.PathOf("data/housing/housing.csv")));

    private readonly int[] _order;

    public HousingStream(int seed)
    {
        _order = Enumerable.Range(0, Rows).ToArray();
        new Random(seed).Shuffle(_order);
    }

    public static int Rows => Lines.Value.Length - 1;

    public static string[] Header => Lines.Value[0].Split(',');

    /// <summary>The CSV of positions [0, count): header first.</summary>
    public string Csv(int count) => string.Join('\n', new[] { Lines.Value[0] }.Concat(_order.Take(count).Select(r => Lines.Value[r + 1])));

    /// <summary>An events body for positions [from, to), labels (median_house_value) included; <paramref name="changed"/> is scaled from <paramref name="changeFrom"/> on.</summary>
    public string EventsBody(int from, int to, string? changed = null, int changeFrom = int.MaxValue)
    {
        var header = Header;
        var body = new StringBuilder("{\"events\": [");
        for (var j = from; j < to; j++)
        {
            var cells = Lines.Value[_order[j] + 1].Split(',');
            body.Append(j > from ? "," : "").Append(CultureInfo.InvariantCulture, $$"""{"id": "h{{j}}", "time": {{j * 60L}}, "label": {{cells[8]}}, "features": {""");
            var first = true;
            for (var c = 0; c < header.Length; c++)
            {
                if (c == 8 || (cells[c].Length == 0 && header[c] != "ocean_proximity"))
                {
                    continue;
                }

                var value = header[c] == "ocean_proximity" ? $"\"{cells[c]}\""
                    : header[c] == changed && j >= changeFrom ? (double.Parse(cells[c], CultureInfo.InvariantCulture) * 1.8 + 32).ToString("R", CultureInfo.InvariantCulture)
                    : cells[c];
                body.Append(first ? "" : ",").Append($"\"{header[c]}\": {value}");
                first = false;
            }

            body.Append("}}");
        }

        return body.Append("]}").ToString();
    }
}
