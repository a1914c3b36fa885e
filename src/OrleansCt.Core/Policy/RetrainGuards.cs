namespace OrleansCt.Core.Policy;

/// <summary>
/// What stops a triggered retrain: fewer than <paramref name="CooldownSeconds"/> of event time since the last one, a cost past
/// <paramref name="BudgetRowPassesPerDay"/> (rows × passes) in the day of event time, or fewer than
/// <paramref name="MinNewLabels"/> labelled rows since the last one. On-demand retrains skip the cooldown and the minimum.
/// </summary>
public sealed record RetrainGuards(double CooldownSeconds, double BudgetRowPassesPerDay, int MinNewLabels)
{
    /// <summary>Three days of event time, so one drift episode, whose alerts open and escalate over several windows, retrains once.</summary>
    public const double DefaultCooldownSeconds = 3 * 86_400;

    /// <summary>Ten default trainings a day (50,000 rows × 100 LightGBM iterations each).</summary>
    public const double DefaultBudgetRowPassesPerDay = 50_000_000;

    /// <summary>Enough new labels that the gate's held-out rows (20 %, at least 50) are mostly rows the champion never trained on.</summary>
    public const int DefaultMinNewLabels = 1_000;

    /// <summary>The guards a policy gets for every field it omits.</summary>
    public static RetrainGuards Default { get; } = new(DefaultCooldownSeconds, DefaultBudgetRowPassesPerDay, DefaultMinNewLabels);
}
