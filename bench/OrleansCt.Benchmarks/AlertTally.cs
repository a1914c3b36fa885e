using System.Globalization;
using System.Text.Json;

namespace OrleansCt.Benchmarks;

/// <summary>
/// Every alert one stream raised, from GET /alerts read after each batch. The alert book keeps at most 1,000 resolved alerts, so
/// one read at the end can miss the oldest; here each alert keeps the last state read, and a key's count is the highest n of its
/// ids ("kind:subject:n" counts the key's alerts from 1), which the book never reuses.
/// </summary>
public sealed class AlertTally
{
    private readonly Dictionary<string, AlertRow> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Subject), long> _opened = [];

    public void Add(JsonElement alerts)
    {
        foreach (var a in alerts.EnumerateArray())
        {
            var id = a.GetProperty("id").GetString()!;
            var row = new AlertRow(
                a.GetProperty("kind").GetString()!,
                a.GetProperty("subject").GetString()!,
                a.GetProperty("severity").GetString()!,
                a.GetProperty("openedAt").GetDouble(),
                a.TryGetProperty("resolvedAt", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : null,
                string.Create(CultureInfo.InvariantCulture, $"peak {a.GetProperty("statistic").GetString()} {a.GetProperty("peakScore").GetDouble():G4} vs {a.GetProperty("threshold").GetDouble():G4}"));
            _alerts[id] = row;
            var n = long.Parse(id[(id.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            _opened[(row.Kind, row.Subject)] = Math.Max(n, _opened.GetValueOrDefault((row.Kind, row.Subject)));
        }
    }

    /// <summary>Alerts by kind (drift, conceptDrift and dataQuality also by subject), critical drift alerts and the most features critical at once.</summary>
    public AlertSummary Summary(double days, double streamEnd)
    {
        var byKey = _opened.GroupBy(k => k.Key.Kind is "drift" or "conceptDrift" or "dataQuality" ? $"{k.Key.Kind} {k.Key.Subject}" : k.Key.Kind)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (int)g.Sum(k => k.Value), StringComparer.Ordinal);
        var drift = _alerts.Values.Where(a => a.Kind == "drift").OrderBy(a => a.OpenedAt).ToList();
        var critical = drift.Where(a => a.Severity == "critical").ToList();
        var described = drift.Take(5).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Subject} {a.Severity} opened {a.OpenedAt / 86_400:F2} d, {a.Peak}"));
        return new AlertSummary(byKey, (int)_opened.Where(k => k.Key.Kind == "drift").Sum(k => k.Value), critical.Count, MostAtOnce(critical, streamEnd), 30 / days, [.. described]);
    }

    /// <summary>
    /// The most features in a critical drift alert at one time, counting an alert as critical for its whole open span (an upper
    /// bound: the answer does not say when an alert escalated), which is what the default policy's "at least 2 features" reads.
    /// </summary>
    private static int MostAtOnce(IReadOnlyList<AlertRow> critical, double streamEnd) =>
        critical.Select(a => critical.Where(b => b.OpenedAt <= a.OpenedAt && (b.ResolvedAt ?? streamEnd) >= a.OpenedAt).Select(b => b.Subject).Distinct().Count())
            .DefaultIfEmpty(0)
            .Max();

    private sealed record AlertRow(string Kind, string Subject, string Severity, double OpenedAt, double? ResolvedAt, string Peak);
}

/// <summary>A stream's alerts: counts by key, drift alerts, critical ones, most features critical at once, and the factor to per-30-days.</summary>
/// <param name="FirstDrift">The first few drift alerts, described (subject, severity, when, peak against threshold).</param>
public sealed record AlertSummary(IReadOnlyDictionary<string, int> ByKey, int Drift, int CriticalDrift, int MostCriticalAtOnce, double Per30Days, IReadOnlyList<string> FirstDrift);
