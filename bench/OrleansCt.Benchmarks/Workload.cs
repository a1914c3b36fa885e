using System.Globalization;
using System.Text;
using OrleansCt.Core.Schema;

namespace OrleansCt.Benchmarks;

/// <summary>
/// The end-to-end workload: a binary model with 10 numeric features, and JSON batches of events with labels whose
/// ids carry a fixed-width batch number, so one serialised body can be sent again as a new batch by rewriting
/// those digits in place (about 10 bytes per event) instead of serialising again.
/// </summary>
public static class Workload
{
    public const int Features = 10;

    public static ModelDefinition Definition() => new()
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        PositiveClass = "UP",
        Features = [.. Enumerable.Range(0, Features).Select(i => new FeatureSpec { Name = $"f{i}", Type = FeatureType.Numeric })],
    };

    public static string DefinitionJson() =>
        "{\"task\":\"binary\",\"target\":\"class\",\"classes\":[\"DOWN\",\"UP\"],\"positiveClass\":\"UP\",\"features\":["
        + string.Join(',', Enumerable.Range(0, Features).Select(i => $"{{\"name\":\"f{i}\",\"type\":\"numeric\"}}")) + "]}";

    /// <summary>Event time of the first event of batch 0 (2026-01-01T00:00:00Z).</summary>
    public const long Epoch = 1_767_225_600;

    /// <summary>A time as the fixed-width text <see cref="BatchBody"/> rewrites in place: 10 digits, a point, 3 decimals.</summary>
    public const int TimeWidth = 14;

    /// <summary>Event i of batch b happens at <see cref="Epoch"/> + 10·b + i/100 seconds: 100 events a second, in order, as live traffic.</summary>
    public static double TimeOf(long batch, int row) => Epoch + (batch * 10.0) + (row / 100.0);

    /// <summary>One event as JSON, with or without its label; its time in the fixed-width form of <see cref="TimeWidth"/>.</summary>
    public static void AppendEvent(StringBuilder json, string id, double time, Random random, bool label)
    {
        json.Append("{\"id\":\"").Append(id).Append("\",\"time\":")
            .Append(time.ToString("0000000000.000", CultureInfo.InvariantCulture)).Append(",\"features\":{");
        var score = 0.0;
        for (var f = 0; f < Features; f++)
        {
            var x = Math.Round(random.NextDouble() * 2 - 1, 6);
            score += f % 2 == 0 ? x : -0.5 * x;
            json.Append(f == 0 ? "" : ",").Append("\"f").Append(f).Append("\":").Append(x.ToString("R", CultureInfo.InvariantCulture));
        }

        json.Append('}');
        if (label)
        {
            json.Append(",\"label\":\"").Append(score + 0.3 * (random.NextDouble() - 0.5) > 0 ? "UP" : "DOWN").Append('"');
        }

        json.Append('}');
    }
}

/// <summary>
/// A serialised batch whose event ids are "{prefix}{batch:D10}-{row:D5}" and whose event times are those of its batch number
/// (<see cref="Workload.TimeOf"/>); <see cref="SetBatch"/> renumbers it and moves its times in place.
/// </summary>
public sealed class BatchBody
{
    private const int Digits = 10;
    private readonly int[] _offsets;

    public BatchBody(string prefix, int events, int seed, bool labels = true)
    {
        var random = new Random(seed);
        var json = new StringBuilder(events * 260);
        json.Append("{\"events\":[");
        for (var row = 0; row < events; row++)
        {
            json.Append(row == 0 ? "" : ",");
            Workload.AppendEvent(json, $"{prefix}{new string('0', Digits)}-{row:D5}", Workload.TimeOf(0, row), random, labels);
        }

        json.Append("]}");
        Bytes = Encoding.UTF8.GetBytes(json.ToString());
        Events = events;
        var marker = Encoding.UTF8.GetBytes($"\"id\":\"{prefix}");
        var offsets = new List<int>(events);
        var span = Bytes.AsSpan();
        for (var at = span.IndexOf(marker); at >= 0;)
        {
            offsets.Add(at + marker.Length);
            var next = span[(at + marker.Length)..].IndexOf(marker);
            at = next < 0 ? -1 : at + marker.Length + next;
        }

        _offsets = [.. offsets];
        if (_offsets.Length != events)
        {
            throw new InvalidOperationException($"Found {_offsets.Length} ids in a batch of {events}.");
        }

        var time = "\"time\":"u8.ToArray();
        _times = new int[events];
        var from = 0;
        for (var row = 0; row < events; row++)
        {
            from += span[from..].IndexOf(time) + time.Length;
            _times[row] = from;
        }
    }

    private readonly int[] _times;

    public byte[] Bytes { get; }

    public int Events { get; }

    public void SetBatch(long batch)
    {
        Span<byte> digits = stackalloc byte[Digits];
        var value = batch;
        for (var i = Digits - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        foreach (var offset in _offsets)
        {
            digits.CopyTo(Bytes.AsSpan(offset, Digits));
        }

        for (var row = 0; row < _times.Length; row++)
        {
            Workload.TimeOf(batch, row).TryFormat(Bytes.AsSpan(_times[row], Workload.TimeWidth), out _, "0000000000.000", CultureInfo.InvariantCulture);
        }
    }
}
