namespace OrleansCt.Core.Policy;

/// <summary>
/// A validated policy with every default applied (made by <see cref="PolicyValidator"/> or <see cref="BuiltInPolicies"/>):
/// what triggers a retrain, what guards stop it, which rows it trains on, what it trains, the gate, and whether the online
/// learner keeps learning.
/// </summary>
public sealed record RetrainPolicy(
    PolicyTriggers Triggers,
    RetrainGuards Guards,
    PolicyWindow Window,
    RetrainSettings Retrain,
    GateRequest Gate,
    bool OnlineLearning)
{
    /// <summary>
    /// The policy in full as JSON writes it, every value explicit and no <c>use</c>: what GET answers and the log's control entry
    /// carries, so a replay applies the settings that were in force even if a built-in changes later. Validating it gives this
    /// policy back.
    /// </summary>
    public PolicySpec ToSpec() => new()
    {
        Triggers = new PolicyTriggersSpec
        {
            Periodic = Triggers.Periodic is { } p ? new PolicyPeriodicSpec { Events = p.Events, EventSeconds = p.EventSeconds, WallSeconds = p.WallSeconds } : null,
            Alerts = [.. Triggers.Alerts.Select(a => new PolicyAlertTriggerSpec
            {
                Kind = a.KindName,
                Severity = PolicyNames.Of(a.Severity),
                MinFeatures = a.Kind == PolicyAlertKind.Drift ? a.MinFeatures : null,
            })],
            ConfigChange = Triggers.ConfigChange,
            Once = Triggers.Once,
        },
        Guards = new PolicyGuardsSpec
        {
            CooldownSeconds = Guards.CooldownSeconds,
            BudgetRowPassesPerDay = Guards.BudgetRowPassesPerDay,
            MinNewLabels = Guards.MinNewLabels,
        },
        Window = Window switch
        {
            FixedWindow f => new PolicyWindowSpec { Kind = "fixed", Rows = f.Rows, Seconds = f.Seconds },
            DynamicWindow d => new PolicyWindowSpec { Kind = "dynamic", Unit = PolicyNames.Of(d.Unit), Candidates = [.. d.Candidates], HoldoutRows = d.HoldoutRows },
            RepresentativeWindow r => new PolicyWindowSpec { Kind = "representative", Rows = r.Rows, ExcludeDrifted = r.ExcludeDrifted },
            _ => throw new InvalidOperationException($"{Window.GetType().Name} is not a window this policy knows."),
        },
        Retrain = new PolicyRetrainSpec
        {
            Kind = PolicyNames.Of(Retrain.Kind),
            Trainer = Retrain.Trainer,
            Options = Retrain.Options.Count > 0 ? new SortedDictionary<string, double>(Retrain.Options.ToDictionary(), StringComparer.Ordinal) : null,
            Seed = Retrain.Seed,
        },
        Gate = Gate,
        OnlineLearning = OnlineLearning,
    };
}
