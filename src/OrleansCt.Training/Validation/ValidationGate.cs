using System.Globalization;

namespace OrleansCt.Training.Validation;

/// <summary>Decides whether a candidate version may serve (TFX's evaluator "blessing"): infrastructure, latency, floor and change against the champion.</summary>
public static class ValidationGate
{
    // Limits written in decimal are not exact in binary: 0.8 − 0.7 exceeds 0.1 by 8e-17. A tolerance of 1e-12 of the
    // numbers compared absorbs that (thousands of rounding steps) and is far below any difference worth judging.
    private const double Tolerance = 1e-12;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Judges <paramref name="candidate"/> against <paramref name="spec"/> and, when given, the champion's metrics on the
    /// same held-out rows. Every check is reported, even after one failed, so that the decision shows all that is wrong.
    /// </summary>
    public static GateDecision Decide(
        GateSpec spec,
        ModelTask task,
        InfrastructureCheck infra,
        ValidationMetrics candidate,
        ValidationMetrics? champion,
        string? championVersion)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(infra);
        ArgumentNullException.ThrowIfNull(candidate);
        spec.Validate(task);
        var metric = spec.MetricFor(task);
        var reasons = new List<GateReason> { Infrastructure(infra) };
        if (infra.Loaded)
        {
            reasons.Add(Latency(infra, spec.MaxLatencyMsOrDefault));
        }

        var value = Finite(metric.ValueIn(candidate));
        var held = candidate.Count;
        var rival = champion is null ? null : Finite(metric.ValueIn(champion));
        var champ = championVersion is null ? "the champion's" : $"champion version {championVersion}'s";
        if (value is not { } v)
        {
            reasons.Add(new GateReason(GateCheck.Metric, false, Missing(metric, candidate)));
            return Decision(metric, null, rival, reasons, null);
        }

        if (spec.Floor is { } floor)
        {
            reasons.Add(Floor(metric, v, held, floor));
        }

        var skip = champion is null ? "there is no champion to compare with"
            : rival is null ? $"the champion has no {metric.Name} on these rows"
            : null;
        reasons.Add(skip is null ? Change(metric, v, rival!.Value, spec.MaxWorseningOrDefault, champ) : Skipped(GateCheck.Change, skip));
        if (spec.MaxRelativeWorsening is { } relative)
        {
            reasons.Add(
                skip is not null ? Skipped(GateCheck.RelativeChange, skip)
                : rival == 0 ? Skipped(GateCheck.RelativeChange, $"the champion's {metric.Name} is 0, so a change relative to it is not defined")
                : RelativeChange(metric, v, rival!.Value, relative, champ));
        }

        return Decision(metric, v, rival, reasons, skip is null ? $"against {champ} {Show(rival!.Value)} ({Signed(v - rival.Value)}) on {Rows(held)}" : $"on {Rows(held)}; {skip}");
    }

    private static GateDecision Decision(GateMetric metric, double? candidate, double? champion, List<GateReason> reasons, string? passedDetail)
    {
        var failed = reasons.Where(r => !r.Passed).ToList();
        var summary = failed.Count == 0
            ? $"passed: {metric.Name} {Show(candidate!.Value)} {passedDetail}"
            : $"rejected: {failed[0].Text}" + (failed.Count > 1 ? $"; also failed: {string.Join(", ", failed.Skip(1).Select(r => r.Check))}" : "");
        return new GateDecision(failed.Count == 0, metric.Name, candidate, champion, reasons, summary);
    }

    private static GateReason Infrastructure(InfrastructureCheck infra) =>
        !infra.Loaded ? new GateReason(GateCheck.Infrastructure, false, $"the artifact did not load back: {infra.Problem ?? "no reason was given"}")
        : infra.Problem is { } problem ? new GateReason(GateCheck.Infrastructure, false, $"the artifact loaded back but failed its check: {problem}")
        : new GateReason(GateCheck.Infrastructure, true, $"the artifact loaded back and scored {Count(infra.SampleRows, "sample row")}");

    private static GateReason Latency(InfrastructureCheck infra, double limit)
    {
        var ms = infra.LatencySeconds * 1000;
        if (!double.IsFinite(ms) || ms < 0)
        {
            return new GateReason(GateCheck.Latency, false, $"the time to score the sample rows was not measured (got {infra.LatencySeconds.ToString(Invariant)} s)", null, limit);
        }

        var passed = AtMost(ms, limit, Math.Max(ms, limit));
        var text = $"scoring {Count(infra.SampleRows, "sample row")} took {ms.ToString("#,##0.0", Invariant)} ms, {(passed ? "within" : "over")} the limit of {limit.ToString(Invariant)} ms";
        return new GateReason(GateCheck.Latency, passed, text, ms, limit);
    }

    private static GateReason Floor(GateMetric metric, double value, long rows, double floor)
    {
        var passed = metric.HigherIsBetter
            ? AtMost(floor, value, Scale(floor, value))
            : AtMost(value, floor, Scale(floor, value));
        var verdict = (metric.HigherIsBetter, passed) switch
        {
            (true, true) => "is at least",
            (true, false) => "is below",
            (false, true) => "is at most",
            (false, false) => "is above",
        };
        var lower = metric.HigherIsBetter ? "" : $" (lower {metric.Name} is better)";
        return new GateReason(GateCheck.Floor, passed, $"{metric.Name} {Show(value, floor)} on {Rows(rows)} {verdict} the floor {floor.ToString(Invariant)}{lower}", value, floor);
    }

    private static GateReason Change(GateMetric metric, double value, double champion, double allowed, string champ)
    {
        var worse = metric.Worsening(value, champion);
        var passed = AtMost(worse, allowed, Scale(value, champion, allowed));
        var text = worse == 0 ? $"{metric.Name} {Show(value)} equals {champ} {Show(champion)}"
            : worse < 0 ? $"{metric.Name} {Show(value)} is {Show(-worse)} better than {champ} {Show(champion)}"
            : $"{metric.Name} {Show(value)} is {Show(worse, allowed)} worse than {champ} {Show(champion)}, {(passed ? "within" : "more than")} the allowed {allowed.ToString(Invariant)}";
        return new GateReason(GateCheck.Change, passed, text, worse, allowed);
    }

    private static GateReason RelativeChange(GateMetric metric, double value, double champion, double allowed, string champ)
    {
        // Relative to the champion's magnitude, so that a negative R² still reads worse when it falls.
        var worse = metric.Worsening(value, champion);
        var size = Math.Abs(champion);
        var passed = AtMost(worse, allowed * size, Scale(value, champion));
        var share = worse / size;
        var text = worse <= 0
            ? $"{metric.Name} {Show(value)} is {Percent(-share)} better than {champ} {Show(champion)}"
            : $"{metric.Name} {Show(value)} is {Percent(share)} worse than {champ} {Show(champion)}, {(passed ? "within" : "more than")} the allowed {Percent(allowed)}";
        return new GateReason(GateCheck.RelativeChange, passed, text, share, allowed);
    }

    private static GateReason Skipped(string check, string why) => new(check, true, $"skipped: {why}");

    private static string Missing(GateMetric metric, ValidationMetrics candidate)
    {
        var unscored = candidate.Unscored > 0 ? $" ({Count(candidate.Unscored, "row")} had a prediction that is not a finite number)" : "";
        return $"the candidate has no {metric.Name}: {Count(candidate.Count, "held-out row")} scored{unscored}";
    }

    private static bool AtMost(double value, double limit, double scale) => value <= limit + Tolerance * scale;

    private static double Scale(params double[] values) => values.Max(Math.Abs);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static string Rows(long rows) => Count(rows, "held-out row");

    private static string Count(long count, string noun) => $"{count.ToString("#,##0", Invariant)} {noun}{(count == 1 ? "" : "s")}";

    private static string Show(double value) =>
        value != 0 && Math.Abs(value) < 0.001 ? value.ToString("G4", Invariant) : value.ToString("#,##0.0000", Invariant);

    // Four places, unless that would print the limit the value was compared with while lying on the other side of it.
    private static string Show(double value, double limit) =>
        Show(value) == Show(limit) && value != limit ? value.ToString("R", Invariant) : Show(value);

    private static string Signed(double difference) => (difference >= 0 ? "+" : "-") + Show(Math.Abs(difference));

    private static string Percent(double fraction) => $"{(fraction * 100).ToString("0.###", Invariant)} %";
}
