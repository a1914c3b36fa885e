using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansCt.Hosting.Tests.Drift;

/// <summary>
/// A small model whose drift is known by construction: x cycles through 0..9, y through 0..6, c alternates a/b. The
/// reference is 200 such rows (≤ 1,000 rows: x is tested by KS p-value, c by chi-square p-value); hourly buckets of 20
/// events and a two-hour window. Shifting x by 50 puts every window value above every reference value: KS D = 1.
/// </summary>
internal static class ToyDrift
{
    public static string Definition(string? webhook = null) =>
        """
        {"task": "binary", "target": "label", "classes": ["no", "yes"],
         "features": [{"name": "x", "type": "numeric"}, {"name": "y", "type": "numeric", "max": 100}, {"name": "c", "type": "categorical"}],
         "monitoring": {"bucketSeconds": 3600, "drift": {"windowSeconds": 7200}},
         "alerts": {"resolveAfter": 1, "cooldownSeconds": 0
        """ + (webhook is null ? "" : $", \"webhook\": \"{webhook}\"") + "}}";

    public static ByteArrayContent ReferenceCsv(int rows = 200, string header = "x,y,c,label")
    {
        var lines = new[] { header }.Concat(Enumerable.Range(0, rows).Select(i => $"{i % 10},{i % 7},{(i % 2 == 0 ? "a" : "b")},{(i % 3 == 0 ? "yes" : "no")}"));
        return Csv(string.Join('\n', lines));
    }

    public static ByteArrayContent Csv(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    /// <summary>
    /// Events of hours [from, to), 20 per hour; x is shifted by <paramref name="shift"/>; event i's label is yes when
    /// i % 3 == 0 and its y is i % 7, unless <paramref name="label"/> or <paramref name="y"/> say otherwise (a null y is left out).
    /// </summary>
    public static string Events(int fromHour, int toHour, double shift = 0, Func<int, string>? label = null, Func<int, double?>? y = null)
    {
        var events = new List<string>();
        for (var hour = fromHour; hour < toHour; hour++)
        {
            for (var i = 0; i < 20; i++)
            {
                var yValue = y is null ? i % 7 : y(i);
                var yField = yValue is { } v ? $"\"y\": {v.ToString(CultureInfo.InvariantCulture)}, " : "";
                events.Add($$$"""{"id": "e{{{hour}}}-{{{i}}}", "time": {{{(hour * 3600) + (i * 60)}}}, "label": "{{{label?.Invoke(i) ?? (i % 3 == 0 ? "yes" : "no")}}}", "features": {"x": {{{(i % 10) + shift}}}, {{{yField}}}"c": "{{{(i % 2 == 0 ? "a" : "b")}}}"}}""");
            }
        }

        return $$"""{"events": [{{string.Join(',', events)}}]}""";
    }
}
