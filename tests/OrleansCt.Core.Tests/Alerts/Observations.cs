using OrleansCt.Core.Alerts;

namespace OrleansCt.Core.Tests.Alerts;

/// <summary>Observations for the alert tests: hourly evaluations, PSI above 0.2 and KS p-values below 0.05.</summary>
internal static class Observations
{
    public const double Hour = 3600;

    /// <summary>Evaluation n of a PSI score (threshold 0.2, alerts at or above): window [n·h, (n+1)·h), sequence 10·n, evaluated at (n+1)·h.</summary>
    public static AlertObservation Psi(int n, double score, string subject = "vicprice") =>
        new("drift", subject, "psi", score, 0.2, false, n * Hour, (n + 1) * Hour, 10 * n, (n + 1) * Hour);

    /// <summary>Evaluation n of a KS p-value (threshold 0.05, alerts below it).</summary>
    public static AlertObservation KsP(int n, double p, string subject = "age") =>
        new("drift", subject, "ksP", p, 0.05, true, n * Hour, (n + 1) * Hour, 10 * n, (n + 1) * Hour);

    /// <summary>Feeds PSI scores as evaluations first, first + 1, …; returns every change in order.</summary>
    public static List<AlertEvent> FeedPsi(this AlertBook book, int first, params double[] scores) =>
        [.. scores.SelectMany((score, i) => book.Observe(Psi(first + i, score)))];
}
