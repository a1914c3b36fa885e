namespace OrleansCt.Core.Policy;

/// <summary>The named policies <c>{"use": name}</c> selects and the backtest compares; docs/policy-notes.md says why each is set as it is.</summary>
public static class BuiltInPolicies
{
    /// <summary>
    /// The online learner alone: it learns from every label, and nothing retrains but an on-demand request. What a model without
    /// a policy runs, because it costs no training and changes no champion behind its owner's back.
    /// </summary>
    public static RetrainPolicy Online { get; } = new(PolicyTriggers.None, RetrainGuards.Default, FixedWindow.Default, RetrainSettings.Default, new GateRequest { MaxWorsening = 0 }, true);

    /// <summary>
    /// Train once, when the policy is set, on the labelled rows logged by then (in a backtest: the reference rows) with the default
    /// trainer, and never change: no other trigger, no online learning. Its gate lets the trained model replace the online learner
    /// whatever it scores (a maximum worsening no metric reaches), since the baseline is the point. The baseline every other policy
    /// must beat to be worth its compute.
    /// </summary>
    public static RetrainPolicy Never { get; } = Online with
    {
        Triggers = PolicyTriggers.None with { Once = true },
        Gate = new GateRequest { MaxWorsening = NeverMaxWorsening },
        OnlineLearning = false,
    };

    /// <summary>The never policy's gate: worse by at most this much, which no metric's difference reaches.</summary>
    public const double NeverMaxWorsening = 1e12;

    /// <summary>
    /// Every seven days of event time, the newest 50,000 rows: a week spans the daily and weekly cycles most streams have, and a
    /// schedule catches slow drift that never crosses an alert threshold; the minimum of new labels skips a week without any.
    /// </summary>
    public static RetrainPolicy Periodic { get; } = Online with
    {
        Triggers = PolicyTriggers.None with { Periodic = new PeriodicTrigger(null, 7 * 86_400, null) },
    };

    /// <summary>
    /// A critical drift alert on any feature (its score at twice its threshold, far past the test's own false-alarm rate), with
    /// a dynamic window so that training starts after the change: a single feature's shift can break a model on its own.
    /// </summary>
    public static RetrainPolicy Drift { get; } = Online with
    {
        Triggers = PolicyTriggers.None with { Alerts = [new AlertTrigger(PolicyAlertKind.Drift, AlertSeverity.Critical)] },
        Window = DynamicWindow.Default,
    };

    /// <summary>
    /// A performance alert at warning: the model got measurably worse on labelled rows, the one signal that is about the model
    /// rather than its inputs. Fires only when the definition sets a performance threshold (alerts.metric).
    /// </summary>
    public static RetrainPolicy Performance { get; } = Online with
    {
        Triggers = PolicyTriggers.None with { Alerts = [new AlertTrigger(PolicyAlertKind.Performance, AlertSeverity.Warning)] },
        Window = DynamicWindow.Default,
    };

    /// <summary>
    /// Performance at warning (the model is worse), or drift on at least two features at critical (the inputs moved a lot,
    /// before labels can tell); a new trainer or options too; never a schedule, so a stationary stream is never retrained.
    /// Three days' cooldown, a budget and 1,000 new labels keep one episode to one retrain; a dynamic window lets the data pick
    /// how far back to train; LightGBM from scratch must be no worse than the champion on the newest rows.
    /// </summary>
    public static RetrainPolicy Default { get; } = Online with
    {
        Triggers = new PolicyTriggers(
            null,
            [new AlertTrigger(PolicyAlertKind.Performance, AlertSeverity.Warning), new AlertTrigger(PolicyAlertKind.Drift, AlertSeverity.Critical, 2)],
            true),
        Window = DynamicWindow.Default,
    };

    /// <summary>The names, in the order the README lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["never", "online", "periodic", "drift", "performance", "default"];

    /// <summary>The built-in policy called exactly <paramref name="name"/>, or null.</summary>
    public static RetrainPolicy? Get(string name) => name switch
    {
        "never" => Never,
        "online" => Online,
        "periodic" => Periodic,
        "drift" => Drift,
        "performance" => Performance,
        "default" => Default,
        _ => null,
    };
}
