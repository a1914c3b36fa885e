using System.Globalization;

namespace OrleansCt.Core.Policy;

/// <summary>
/// The guards of a policy applied to one triggered retrain, in event time (so a replay decides as the live run did): the cooldown
/// since the newest retrain, the new labelled rows since it, and the compute budget over the day of event time that ends now.
/// On-demand retrains skip the cooldown and the minimum of new labels, never the budget.
/// </summary>
public static class GuardCheck
{
    /// <summary>The day a compute budget covers, in event-time seconds.</summary>
    public const double BudgetDaySeconds = 86_400;

    /// <param name="guards">The policy's guards.</param>
    /// <param name="onDemand">A person's request: skips the cooldown and the minimum of new labels.</param>
    /// <param name="eventTime">The event time of the retrain's log position; null before any event (nothing is measured in time then).</param>
    /// <param name="labels">Labelled rows the model has seen by that position.</param>
    /// <param name="rowPasses">What this retrain is charged: its planned rows × passes.</param>
    /// <param name="past">The retrains accepted before, oldest first (stopped ones are not retrains and are not given).</param>
    /// <returns>Null when every guard lets it through, else the first guard that stops it (cooldown, then new labels, then budget).</returns>
    public static GuardStop? Check(RetrainGuards guards, bool onDemand, double? eventTime, long labels, double rowPasses, IReadOnlyList<PastRetrain> past)
    {
        ArgumentNullException.ThrowIfNull(guards);
        ArgumentNullException.ThrowIfNull(past);
        var last = past.Count > 0 ? past[^1] : null;
        if (!onDemand && last is not null)
        {
            if (eventTime is { } now && last.EventTime is { } then && now - then < guards.CooldownSeconds)
            {
                return new GuardStop("cooldown", now - then, guards.CooldownSeconds,
                    $"cooldown: {Seconds(now - then)} s of event time since the last retrain (at {Seconds(then)}); the policy waits {Seconds(guards.CooldownSeconds)} s");
            }

            var fresh = labels - last.Labels;
            if (fresh < guards.MinNewLabels)
            {
                return new GuardStop("minNewLabels", fresh, guards.MinNewLabels,
                    $"minNewLabels: {fresh:N0} labelled rows since the last retrain; the policy wants {guards.MinNewLabels:N0}");
            }
        }
        else if (!onDemand && labels < guards.MinNewLabels)
        {
            return new GuardStop("minNewLabels", labels, guards.MinNewLabels,
                $"minNewLabels: {labels:N0} labelled rows so far; the policy wants {guards.MinNewLabels:N0}");
        }

        // The budget's day ends at this retrain's event time; before any event, every retrain so far is in it.
        var spent = past.Where(p => eventTime is not { } now || p.EventTime is not { } then || now - then < BudgetDaySeconds).Sum(p => p.RowPasses);
        if (spent + rowPasses > guards.BudgetRowPassesPerDay)
        {
            return new GuardStop("budget", spent + rowPasses, guards.BudgetRowPassesPerDay,
                $"budget: {spent:N0} row passes spent in the last day of event time and {rowPasses:N0} planned make {spent + rowPasses:N0}; the policy allows {guards.BudgetRowPassesPerDay:N0} a day");
        }

        return null;
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
