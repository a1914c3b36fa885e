using System.Globalization;

namespace OrleansCt.Core.Policy;

/// <summary>
/// Turns a <see cref="PolicySpec"/> into a <see cref="RetrainPolicy"/> with every default applied, or lists every problem, each
/// naming its JSON field ("triggers.alerts[1].kind", "window.candidates[0]") and saying what is allowed.
/// </summary>
public static class PolicyValidator
{
    /// <summary>Each candidate of a dynamic window is one training; more than this is a budget spent on choosing.</summary>
    public const int MaxCandidates = 10;

    /// <summary>
    /// The policy, or the problems with <paramref name="spec"/>. Core checks the shape, the numbers and the combinations;
    /// <paramref name="check"/> (the grain layer passes the Training project's) checks the trainer, its options and the gate
    /// for <paramref name="task"/>. Without it, a trainer is only checked to be a non-empty name.
    /// </summary>
    public static (RetrainPolicy? Policy, IReadOnlyList<FieldError> Errors) Validate(PolicySpec spec, ModelTask task, RetrainCheck? check = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Enum.IsDefined(task))
        {
            throw new ArgumentOutOfRangeException(nameof(task), task, "not a model task");
        }

        var errors = new List<FieldError>();
        var policy = spec.Use is { } use ? Use(use, spec, errors) : Resolve(spec, errors);
        if (policy is not null && errors.Count == 0 && check is not null)
        {
            errors.AddRange(check(policy.Retrain, policy.Gate, task));
        }

        return errors.Count > 0 ? (null, errors) : (policy, []);
    }

    private static RetrainPolicy? Use(string use, PolicySpec spec, List<FieldError> errors)
    {
        var policy = BuiltInPolicies.Get(use);
        if (policy is null)
        {
            errors.Add(new FieldError("use", $"'{Clip(use)}' is not a built-in policy: use {PolicyNames.Join(BuiltInPolicies.Names)}"));
        }

        var others = new (string Field, object? Value)[]
        {
            ("triggers", spec.Triggers), ("guards", spec.Guards), ("window", spec.Window),
            ("retrain", spec.Retrain), ("gate", spec.Gate), ("onlineLearning", spec.OnlineLearning),
        };
        foreach (var (field, _) in others.Where(o => o.Value is not null))
        {
            errors.Add(new FieldError(field, "must not be set with \"use\": a built-in policy is taken whole; to change one, PUT its full form (GET it after PUT {\"use\": …}) with your changes and without \"use\""));
        }

        return policy;
    }

    private static RetrainPolicy? Resolve(PolicySpec spec, List<FieldError> errors)
    {
        var count = errors.Count;
        var triggers = Triggers(spec.Triggers, errors);
        var guards = Guards(spec.Guards, errors);
        var window = Window(spec.Window, errors);
        var onlineLearning = spec.OnlineLearning ?? true;
        var retrain = Retrain(spec.Retrain, onlineLearning, errors);
        var gate = Gate(spec.Gate, errors);
        return errors.Count > count ? null : new RetrainPolicy(triggers!, guards, window!, retrain!, gate, onlineLearning);
    }

    private static PolicyTriggers? Triggers(PolicyTriggersSpec? spec, List<FieldError> errors)
    {
        if (spec is null)
        {
            return PolicyTriggers.None;
        }

        var periodic = spec.Periodic is { } p ? Periodic(p, errors) : null;
        var alerts = new Dictionary<AlertTrigger, int>();
        var list = spec.Alerts ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (Alert(list[i], $"triggers.alerts[{i}]", errors) is { } alert && !alerts.TryAdd(alert, i))
            {
                errors.Add(new FieldError($"triggers.alerts[{i}]", $"repeats triggers.alerts[{alerts[alert]}]; list each trigger once"));
            }
        }

        return new PolicyTriggers(periodic, [.. alerts.OrderBy(a => a.Value).Select(a => a.Key)], spec.ConfigChange ?? false, spec.Once ?? false);
    }

    private static PeriodicTrigger Periodic(PolicyPeriodicSpec spec, List<FieldError> errors)
    {
        if (spec is { Events: null, EventSeconds: null, WallSeconds: null })
        {
            errors.Add(new FieldError("triggers.periodic", "sets no period: give events, eventSeconds or wallSeconds (or leave periodic out)"));
        }

        if (spec.Events is < 1)
        {
            errors.Add(new FieldError("triggers.periodic.events", $"must be a number of events ≥ 1, not {spec.Events}"));
        }

        Positive("triggers.periodic.eventSeconds", spec.EventSeconds, "seconds of event time", errors);
        Positive("triggers.periodic.wallSeconds", spec.WallSeconds, "seconds of wall-clock time", errors);
        return new PeriodicTrigger(spec.Events, spec.EventSeconds, spec.WallSeconds);
    }

    private static AlertTrigger? Alert(PolicyAlertTriggerSpec? spec, string field, List<FieldError> errors)
    {
        if (spec is null)
        {
            errors.Add(new FieldError(field, $"must be an object with a kind: {PolicyNames.List<PolicyAlertKind>()}"));
            return null;
        }

        var count = errors.Count;
        if (!PolicyNames.TryParse<PolicyAlertKind>(spec.Kind, out var kind))
        {
            var what = spec.Kind is null ? "is required" : $"'{Clip(spec.Kind)}' is not an alert kind";
            errors.Add(new FieldError($"{field}.kind", $"{what}: use {PolicyNames.List<PolicyAlertKind>()}"));
        }

        var severity = AlertSeverity.Warning;
        if (spec.Severity is { } name && !PolicyNames.TryParse(name, out severity))
        {
            errors.Add(new FieldError($"{field}.severity", $"'{Clip(name)}' is not a severity: use \"warning\" (warning or critical fires) or \"critical\""));
        }

        if (spec.MinFeatures is { } min)
        {
            if (errors.Count == count && kind != PolicyAlertKind.Drift)
            {
                errors.Add(new FieldError($"{field}.minFeatures", $"is only for \"drift\" triggers (a count of features in a drift alert at once); remove it from this \"{PolicyNames.Of(kind)}\" trigger"));
            }
            else if (min < 1)
            {
                errors.Add(new FieldError($"{field}.minFeatures", $"must be a number of features ≥ 1, not {min}"));
            }
        }

        return errors.Count > count ? null : new AlertTrigger(kind, severity, spec.MinFeatures ?? 1);
    }

    private static RetrainGuards Guards(PolicyGuardsSpec? spec, List<FieldError> errors)
    {
        var d = RetrainGuards.Default;
        if (spec is null)
        {
            return d;
        }

        if (spec.CooldownSeconds is { } cooldown && !(double.IsFinite(cooldown) && cooldown >= 0))
        {
            errors.Add(new FieldError("guards.cooldownSeconds", $"must be a finite number of event-time seconds ≥ 0, not {Number(cooldown)}"));
        }

        Positive("guards.budgetRowPassesPerDay", spec.BudgetRowPassesPerDay, "rows × passes per day of event time", errors);
        if (spec.MinNewLabels is < 0)
        {
            errors.Add(new FieldError("guards.minNewLabels", $"must be a number of labelled rows ≥ 0, not {spec.MinNewLabels}"));
        }

        return new RetrainGuards(spec.CooldownSeconds ?? d.CooldownSeconds, spec.BudgetRowPassesPerDay ?? d.BudgetRowPassesPerDay, spec.MinNewLabels ?? d.MinNewLabels);
    }

    /// <summary>A window spec checked on its own (a retrain request's), each problem naming its field under "window."; null when it has problems.</summary>
    public static PolicyWindow? ValidateWindow(PolicyWindowSpec? spec, List<FieldError> errors) => Window(spec, errors);

    private static PolicyWindow? Window(PolicyWindowSpec? spec, List<FieldError> errors)
    {
        if (spec is null)
        {
            return FixedWindow.Default;
        }

        var count = errors.Count;
        var kind = spec.Kind ?? "fixed";
        var allowed = kind switch
        {
            "fixed" => new[] { "rows", "seconds" },
            "dynamic" => ["candidates", "unit", "holdoutRows"],
            "representative" => ["rows", "excludeDrifted"],
            _ => null,
        };
        if (allowed is null)
        {
            errors.Add(new FieldError("window.kind", $"'{Clip(kind)}' is not a window: use \"fixed\" (the newest rows or seconds), \"dynamic\" (the best of several lengths) or \"representative\" (a sample matching the reference)"));
            return null;
        }

        var given = new (string Field, bool Set)[]
        {
            ("rows", spec.Rows is not null), ("seconds", spec.Seconds is not null), ("candidates", spec.Candidates is not null),
            ("unit", spec.Unit is not null), ("holdoutRows", spec.HoldoutRows is not null), ("excludeDrifted", spec.ExcludeDrifted is not null),
        };
        foreach (var (field, _) in given.Where(g => g.Set && !allowed.Contains(g.Field)))
        {
            errors.Add(new FieldError($"window.{field}", $"does not apply to a {kind} window, which takes {PolicyNames.Join(allowed)}"));
        }

        if (spec.Rows is < 1)
        {
            errors.Add(new FieldError("window.rows", $"must be a number of labelled rows ≥ 1, not {spec.Rows}"));
        }

        PolicyWindow? window = kind switch
        {
            "fixed" => Fixed(spec, errors),
            "dynamic" => Dynamic(spec, errors),
            _ => new RepresentativeWindow(spec.Rows ?? FixedWindow.DefaultRows, spec.ExcludeDrifted ?? true),
        };
        return errors.Count > count ? null : window;
    }

    private static FixedWindow Fixed(PolicyWindowSpec spec, List<FieldError> errors)
    {
        if (spec is { Rows: not null, Seconds: not null })
        {
            errors.Add(new FieldError("window.seconds", "a fixed window is the newest rows or the newest seconds, not both: remove rows or seconds"));
        }

        Positive("window.seconds", spec.Seconds, "seconds of event time", errors);
        return spec.Seconds is { } seconds && spec.Rows is null ? new FixedWindow(null, seconds) : new FixedWindow(spec.Rows ?? FixedWindow.DefaultRows, null);
    }

    private static DynamicWindow Dynamic(PolicyWindowSpec spec, List<FieldError> errors)
    {
        var unit = WindowUnit.Rows;
        if (spec.Unit is { } name && !PolicyNames.TryParse(name, out unit))
        {
            errors.Add(new FieldError("window.unit", $"'{Clip(name)}' is not a unit of candidates: use {PolicyNames.List<WindowUnit>()}"));
        }

        var holdout = spec.HoldoutRows ?? DynamicWindow.DefaultHoldoutRows;
        if (holdout < 1)
        {
            errors.Add(new FieldError("window.holdoutRows", $"must be a number of labelled rows ≥ 1, not {holdout}"));
        }

        var candidates = spec.Candidates ?? DynamicWindow.DefaultCandidates;
        if (candidates.Count is 0 or > MaxCandidates)
        {
            errors.Add(new FieldError("window.candidates", $"lists {candidates.Count} lengths; a dynamic window chooses among 1 to {MaxCandidates} (each is a training)"));
        }

        var what = unit == WindowUnit.Rows ? "a whole number of labelled rows" : "a number of event-time seconds";
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var field = $"window.candidates[{i}]";
            if (!(double.IsFinite(c) && c > 0) || (unit == WindowUnit.Rows && (c != Math.Floor(c) || c > int.MaxValue)))
            {
                errors.Add(new FieldError(field, $"must be {what} > 0, not {Number(c)}"));
            }
            else if (unit == WindowUnit.Rows && holdout >= 1 && c <= holdout)
            {
                errors.Add(new FieldError(field, $"is {Number(c)} rows, not more than window.holdoutRows ({holdout}): a candidate counts its held-out rows too, so it would train on none; make it longer or the holdout shorter"));
            }
            else if (candidates.Take(i).Contains(c))
            {
                errors.Add(new FieldError(field, $"repeats {Number(c)}; list each length once"));
            }
        }

        return new DynamicWindow(unit, [.. candidates.Order()], holdout);
    }

    private static RetrainSettings? Retrain(PolicyRetrainSpec? spec, bool onlineLearning, List<FieldError> errors)
    {
        spec ??= new PolicyRetrainSpec();
        var count = errors.Count;
        var kind = RetrainKind.Scratch;
        if (spec.Kind is { } name && !PolicyNames.TryParse(name, out kind))
        {
            errors.Add(new FieldError("retrain.kind", $"'{Clip(name)}' is not a retrain kind: use \"scratch\" (train anew), \"warm\" (continue from the champion's linear parameters) or \"online\" (the online learner as the candidate)"));
        }
        else if (kind == RetrainKind.Online && !onlineLearning)
        {
            errors.Add(new FieldError("retrain.kind", "is \"online\" but onlineLearning is false: an online learner that does not learn has nothing new to offer; set onlineLearning to true or choose \"scratch\" or \"warm\""));
        }

        var options = spec.Options ?? new Dictionary<string, double>();
        if (kind == RetrainKind.Online)
        {
            if (spec.Trainer is not null)
            {
                errors.Add(new FieldError("retrain.trainer", "does not apply to an \"online\" retrain, whose candidate is the online learner; remove it or choose \"scratch\" or \"warm\""));
            }

            if (options.Count > 0)
            {
                errors.Add(new FieldError("retrain.options", "do not apply to an \"online\" retrain, whose candidate is the online learner; remove them or choose \"scratch\" or \"warm\""));
            }
        }
        else if (spec.Trainer is { } trainer && string.IsNullOrWhiteSpace(trainer))
        {
            errors.Add(new FieldError("retrain.trainer", $"must name a trainer, e.g. \"{RetrainSettings.DefaultTrainer}\", or be left out for it"));
        }
        else if (kind == RetrainKind.Warm && spec.Trainer is null)
        {
            errors.Add(new FieldError("retrain.trainer", $"is required for a \"warm\" retrain: the default, {RetrainSettings.DefaultTrainer}, cannot warm-start; name a linear trainer such as \"lbfgs\""));
        }

        foreach (var (key, value) in options.Where(o => string.IsNullOrWhiteSpace(o.Key) || !double.IsFinite(o.Value)))
        {
            errors.Add(new FieldError(string.IsNullOrWhiteSpace(key) ? "retrain.options" : $"retrain.options.{key}", $"must be a named, finite number, not {Number(value)}"));
        }

        if (spec.Seed is < 0)
        {
            errors.Add(new FieldError("retrain.seed", $"must be 0 or more, not {spec.Seed}"));
        }

        var chosen = kind == RetrainKind.Online ? null : spec.Trainer ?? RetrainSettings.DefaultTrainer;
        return errors.Count > count ? null : new RetrainSettings(kind, chosen, new Dictionary<string, double>(options, StringComparer.Ordinal), spec.Seed ?? 0);
    }

    private static GateRequest Gate(GateRequest? gate, List<FieldError> errors)
    {
        gate ??= new GateRequest();
        if (gate.Metric is { } metric && string.IsNullOrWhiteSpace(metric))
        {
            errors.Add(new FieldError("gate.metric", "must name a metric (\"accuracy\", \"logLoss\", \"auc\", \"rmse\", \"mae\", \"r2\") or be left out for the task's default"));
        }

        // The ranges are the gate's own (GateSpec, through the RetrainCheck); a number that is not one fits none of them.
        var numbers = new (string Field, double? Value)[]
        {
            ("gate.floor", gate.Floor), ("gate.maxWorsening", gate.MaxWorsening), ("gate.maxRelativeWorsening", gate.MaxRelativeWorsening),
            ("gate.maxLatencyMs", gate.MaxLatencyMs), ("gate.holdoutFraction", gate.HoldoutFraction),
        };
        foreach (var (field, value) in numbers.Where(n => n.Value is { } v && !double.IsFinite(v)))
        {
            errors.Add(new FieldError(field, $"must be a finite number, not {Number(value!.Value)}"));
        }

        if (gate.MaxHoldoutRows is < 1)
        {
            errors.Add(new FieldError("gate.maxHoldoutRows", $"must be a number of rows ≥ 1, not {gate.MaxHoldoutRows}"));
        }

        return gate;
    }

    private static void Positive(string field, double? value, string what, List<FieldError> errors)
    {
        if (value is { } v && !(double.IsFinite(v) && v > 0))
        {
            errors.Add(new FieldError(field, $"must be a finite number of {what} > 0, not {Number(v)}"));
        }
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
