using System.Text;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Infrastructure;

/// <summary>The shared elec2 file as request bodies: row r (0-based) at r × 30 minutes, with its label.</summary>
public static class Elec2Stream
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(RepoFiles.PathOf("data/elec2/elec2.csv")));

    public static int Rows => Lines.Value.Length - 1;

    /// <summary>Sends rows [from, to) with their labels to a model's /events in batches of <paramref name="batchSize"/>; each must be stored.</summary>
    public static async Task SendAsync(HttpClient http, string model, int from, int to, int batchSize = 100)
    {
        for (var start = from; start < to; start += batchSize)
        {
            (await http.PostRaw($"v1/models/{model}/events", EventsBody(start, Math.Min(start + batchSize, to)))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>A predict body for rows [from, to): the events body without labels (predict refuses them).</summary>
    public static string PredictBody(int from, int to, string idPrefix = "row") => EventsBody(from, to, idPrefix, labels: false);

    /// <summary>An events body for rows [from, to), labels included unless <paramref name="labels"/> is false.</summary>
    public static string EventsBody(int from, int to, string idPrefix = "row", bool labels = true)
    {
        var header = Lines.Value[0].Split(',');
        var body = new StringBuilder("{\"events\": [");
        for (var r = from; r < to; r++)
        {
            var cells = Lines.Value[r + 1].Split(',');
            body.Append(r > from ? "," : "").Append($$"""{"id": "{{idPrefix}}{{r}}", "time": {{r * 1800L}}, {{(labels ? $"\"label\": \"{cells[8]}\", " : "")}}"features": {""");
            for (var c = 0; c < 8; c++)
            {
                var value = header[c] == "day" ? $"\"{cells[c]}\"" : cells[c];
                body.Append(c > 0 ? "," : "").Append($"\"{header[c]}\": {value}");
            }

            body.Append("}}");
        }

        return body.Append("]}").ToString();
    }
}
