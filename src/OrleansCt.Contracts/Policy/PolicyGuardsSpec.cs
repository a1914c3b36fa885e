using System.Text.Json.Serialization;

namespace OrleansCt.Contracts;

/// <summary>
/// What stops a triggered retrain, each omitted field taking the default policy's value: a cooldown after the last retrain in
/// event-time seconds (259,200: three days), a compute budget in rows × passes per day of event time (50,000,000), and the
/// least number of labelled rows that arrived since the last retrain (1,000). On-demand retrains skip the cooldown and the
/// minimum, not the budget.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyGuardsSpec
{
    public double? CooldownSeconds { get; init; }

    public double? BudgetRowPassesPerDay { get; init; }

    public int? MinNewLabels { get; init; }
}
