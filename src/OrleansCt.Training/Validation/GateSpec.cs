using System.Globalization;

namespace OrleansCt.Training.Validation;

/// <summary>
/// What a candidate must show before it may serve, TFX-style: a metric (null: <see cref="GateMetric.Default"/>), an absolute
/// floor, how much worse than the champion it may be (absolute, in the metric's units, and as a fraction of the champion's
/// value), a scoring-latency limit, and how many of the newest labelled rows are held out to measure it.
/// </summary>
public sealed record GateSpec(
    string? Metric = null,
    double? Floor = null,
    double? MaxWorsening = null,
    double? MaxRelativeWorsening = null,
    double? MaxLatencyMs = null,
    double? HoldoutFraction = null,
    int? MaxHoldoutRows = null,
    int? MinHoldoutRows = null)
{
    public const double DefaultMaxLatencyMs = 250;

    public const double DefaultHoldoutFraction = 0.2;

    public const int DefaultMaxHoldoutRows = 5_000;

    public const int DefaultMinHoldoutRows = 50;

    // Keeps MinimumLabelledRows (twice the minimum) inside an int.
    private const int HoldoutRowsLimit = 1_000_000_000;

    /// <summary>0 when not given: the candidate must be at least as good as the champion.</summary>
    public double MaxWorseningOrDefault => MaxWorsening ?? 0;

    public double MaxLatencyMsOrDefault => MaxLatencyMs ?? DefaultMaxLatencyMs;

    public double HoldoutFractionOrDefault => HoldoutFraction ?? DefaultHoldoutFraction;

    public int MaxHoldoutRowsOrDefault => MaxHoldoutRows ?? DefaultMaxHoldoutRows;

    public int MinHoldoutRowsOrDefault => MinHoldoutRows ?? DefaultMinHoldoutRows;

    /// <summary>
    /// The fewest labelled rows a version can be trained and judged on: twice <see cref="MinHoldoutRowsOrDefault"/> (100 by
    /// default), so that the held-out rows never outnumber the training rows. Below it <see cref="HoldoutRows"/> is 0 and
    /// the caller refuses to train.
    /// </summary>
    public int MinimumLabelledRows => 2 * MinHoldoutRowsOrDefault;

    /// <summary>The metric the gate judges <paramref name="task"/> by; throws a <see cref="GateSpecException"/> when it does not fit the task.</summary>
    public GateMetric MetricFor(ModelTask task)
    {
        if (!Enum.IsDefined(task))
        {
            throw new ArgumentOutOfRangeException(nameof(task), task, "not a model task");
        }

        if (Metric is null)
        {
            return GateMetric.Default(task);
        }

        var valid = string.Join(", ", GateMetric.For(task).Select(m => m.Name));
        var kind = task.ToString().ToLowerInvariant();
        var metric = GateMetric.Named(Metric)
            ?? throw new GateSpecException("gate.metric", $"gate.metric \"{Metric}\" is not a metric the gate knows; for {kind} models use one of {valid}.");
        if (!metric.Measures(task))
        {
            var only = metric == GateMetric.Auc ? " (AUC is measured for binary models only)" : "";
            throw new GateSpecException("gate.metric", $"gate.metric {metric.Name} is not measured for {kind} models{only}; use one of {valid}.");
        }

        return metric;
    }

    /// <summary>Throws a <see cref="GateSpecException"/> naming the field when the metric does not fit <paramref name="task"/> or a number is out of range.</summary>
    public void Validate(ModelTask task)
    {
        var metric = MetricFor(task);
        if (Floor is { } floor)
        {
            // The floor must be reachable: accuracy and AUC lie in [0, 1], losses and errors are ≥ 0, R² is ≤ 1 (and may be negative).
            var (fits, range) = metric.Name switch
            {
                "accuracy" or "auc" => (floor is >= 0 and <= 1, "≥ 0 and ≤ 1"),
                "r2" => (floor <= 1 && double.IsFinite(floor), "≤ 1"),
                _ => (floor >= 0 && double.IsFinite(floor), "≥ 0"),
            };
            Require("gate.floor", floor, fits, $"a number {range} for {metric.Name}");
        }

        if (MaxWorsening is { } worsening)
        {
            Require("gate.maxWorsening", worsening, worsening >= 0 && double.IsFinite(worsening), $"a number ≥ 0, in {metric.Name}'s units");
        }

        if (MaxRelativeWorsening is { } relative)
        {
            Require("gate.maxRelativeWorsening", relative, relative is >= 0 and <= 1, "a number ≥ 0 and ≤ 1, a fraction of the champion's value");
        }

        if (MaxLatencyMs is { } latency)
        {
            Require("gate.maxLatencyMs", latency, latency > 0 && double.IsFinite(latency), "a number of milliseconds > 0");
        }

        ValidateHoldout();
    }

    /// <summary>
    /// How many of the newest of <paramref name="labelledRows"/> rows are held out: round(fraction × rows), halves up,
    /// clamped to [<see cref="MinHoldoutRowsOrDefault"/>, <see cref="MaxHoldoutRowsOrDefault"/>] and never more than
    /// rows / 2 (integer division); 0 when there are fewer than <see cref="MinimumLabelledRows"/>.
    /// </summary>
    public int HoldoutRows(int labelledRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(labelledRows);
        ValidateHoldout();
        var half = labelledRows / 2;
        if (half < MinHoldoutRowsOrDefault)
        {
            return 0;
        }

        // In decimal, so that 0.3 × 5 is exactly 1.5 and rounds up as written, not as 0.3's binary neighbour would.
        var share = (int)Math.Round((decimal)HoldoutFractionOrDefault * labelledRows, MidpointRounding.AwayFromZero);
        return Math.Min(Math.Clamp(share, MinHoldoutRowsOrDefault, MaxHoldoutRowsOrDefault), half);
    }

    private void ValidateHoldout()
    {
        if (HoldoutFraction is { } fraction)
        {
            Require("gate.holdoutFraction", fraction, fraction is > 0 and <= 0.5, "a number > 0 and ≤ 0.5");
        }

        if (MaxHoldoutRows is { } max)
        {
            Require("gate.maxHoldoutRows", max, max is >= 1 and <= HoldoutRowsLimit, $"an integer ≥ 1 and ≤ {HoldoutRowsLimit}");
        }

        if (MinHoldoutRows is { } min)
        {
            Require("gate.minHoldoutRows", min, min >= 1 && min <= MaxHoldoutRowsOrDefault, $"an integer ≥ 1 and ≤ gate.maxHoldoutRows ({MaxHoldoutRowsOrDefault})");
        }
    }

    private static void Require(string field, double value, bool fits, string what)
    {
        if (!fits)
        {
            throw new GateSpecException(field, $"{field} must be {what} (got {value.ToString(CultureInfo.InvariantCulture)}).");
        }
    }
}
