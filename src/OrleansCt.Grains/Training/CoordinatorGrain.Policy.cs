using System.Globalization;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Training;
using OrleansCt.Core.Policy;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Model;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Grains.Training;

/// <remarks>
/// The retraining policy, decided here: signals from the alert grain and the model grain (schedules), the wall-clock schedule by a
/// reminder, a policy's change; each trigger that the policy in force fires on goes through its guards and becomes a retrain or a
/// "stopped" record naming the guard and its numbers. On-demand requests go through the budget alone.
/// </remarks>
public sealed partial class CoordinatorGrain : IRemindable
{
    private const string WallReminder = "wall-clock schedule";
    private TimeSpan? _wallPeriod;

    public async Task Signal(Immutable<TriggerSignal[]> signals)
    {
        var fresh = signals.Value.Where(_book.IsNew).OrderBy(s => s.Sequence).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        foreach (var signal in fresh)
        {
            _book.See(signal);
        }

        var point = await Owner.GetTriggerPoint();
        if (!point.Found || await SchemaAsync() is not { } schema)
        {
            await SaveAsync();
            return;
        }

        var policy = PolicyOf(point, schema);
        var fired = fresh.Where(s => Fires(policy, s, point)).ToList();
        if (fired.Count == 0)
        {
            await SaveAsync();
            return;
        }

        var trigger = fired[0].Source == TriggerSignal.Schedule ? "periodic" : fired[0].Kind;
        await AcceptAsync(RequestOf(policy), null, trigger, string.Join("; ", fired.Select(Describe)), point, policy, onDemand: false);
    }

    public async Task PolicyChanged(long sequence) => await RefreshPolicyAsync();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (await SchemaAsync() is { } schema && await Owner.GetTriggerPoint() is { Found: true } point)
        {
            await CheckWallAsync(PolicyOf(point, schema), point);
        }
    }

    /// <summary>
    /// Takes a retrain — on demand, or triggered and fired by the policy — through the guards: stopped (recorded with the guard and
    /// its numbers) or accepted at the model's position (requested, then run in the background). Stored either way.
    /// </summary>
    private async Task<RetrainView> AcceptAsync(
        RetrainRequest request, RetrainPlan? plan, string trigger, string? reason, TriggerPoint point, RetrainPolicy policy, bool onDemand)
    {
        var schema = await SchemaAsync() ?? throw new InvalidOperationException($"model '{Model}' is not registered");
        if (plan is null)
        {
            var (parsed, errors) = RetrainPlan.Parse(request, schema, _options);
            plan = parsed ?? throw new InvalidOperationException($"the policy's retrain was refused: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        var id = (Records.Count + 1).ToString(CultureInfo.InvariantCulture);
        var charged = PlannedCost.RowPasses(plan.Window, point.Labels, ModelTrainer.PlannedPasses(plan.Spec, schema.Task), plan.Kind != RetrainPlan.Online);
        var past = Records.Where(r => r.Accepted).Select(r => new PastRetrain(r.View.PositionEventTime, r.View.LabelledRows ?? 0, r.View.PlannedRowPasses ?? 0)).ToList();
        var stop = GuardCheck.Check(policy.Guards, onDemand, point.EventTime, point.Labels, charged, past);
        var view = new RetrainView
        {
            Id = id,
            Model = Model,
            State = RetrainRecord.Requested,
            Trigger = trigger,
            Reason = reason,
            By = request.By,
            Kind = plan.Kind,
            Trainer = RetrainPlan.Name(plan.Spec.Kind),
            Options = plan.Spec.Options is { Count: > 0 } o ? o : null,
            Seed = plan.Spec.Seed,
            Rows = plan.Rows,
            Position = point.Sequence,
            PositionEventTime = point.EventTime,
            LabelledRows = point.Labels,
            PlannedRowPasses = charged,
            RequestedAt = Now,
            Steps = [],
        };
        if (stop is not null)
        {
            view = view with
            {
                State = RetrainRecord.Stopped,
                Guard = new GuardView(stop.Guard, stop.Value, stop.Limit),
                Steps = [new RetrainStepView(RetrainRecord.Stopped, Now, $"{trigger}{(reason is { } why ? ": " + why : "")}; stopped by the {stop.Text}")],
            };
            Records.Add(new RetrainRecord(view, request, null));
            await SaveAsync();
            return view;
        }

        var marked = await Owner.MarkRetrain(id, _options.ModelledSeconds, null);
        view = view with
        {
            Position = marked.Sequence,
            PositionEventTime = marked.EventTime,
            Steps = [new RetrainStepView(RetrainRecord.Requested, Now, $"{trigger}{(reason is { } r ? ": " + r : "")}; reads the log up to sequence {marked.Sequence}")],
        };
        Records.Add(new RetrainRecord(view, request, marked.DueEventTime));
        await SaveAsync();
        StartRunning();
        return view;
    }

    /// <summary>
    /// Reads the policy in force again (on activation and when it changed): arms the wall-clock schedule, trains once for a policy
    /// that says so, and marks the champion stale when the policy's trainer or options, or this silo's ML.NET, are not the ones it
    /// was trained with (retraining it under a configChange trigger).
    /// </summary>
    private async Task RefreshPolicyAsync()
    {
        if (await SchemaAsync() is not { } schema || await Owner.GetTriggerPoint() is not { Found: true } point)
        {
            return;
        }

        var policy = PolicyOf(point, schema);
        if (policy.Triggers.Once && _book.OncePolicy != point.PolicySequence)
        {
            _book.OncePolicy = point.PolicySequence;
            await AcceptAsync(RequestOf(policy), null, "policy", "the policy trains once, when it is set, on the labelled rows logged by then", point, policy, onDemand: true);
        }

        var champion = await ChampionAsync();
        var stale = StaleReason(champion, policy);
        var key = $"{champion?.Version}|{policy.Retrain.Trainer}|{string.Join(",", policy.Retrain.Options.OrderBy(o => o.Key, StringComparer.Ordinal))}|{ModelTrainer.MlNetVersion}";
        if (stale is not null && _book.StaleChecked != key)
        {
            (_book.Stale, _book.StaleChecked) = (stale, key);
            if (policy.Triggers.ConfigChange)
            {
                await AcceptAsync(RequestOf(policy), null, "configChange", stale, point, policy, onDemand: true);
            }
        }
        else if (stale is null)
        {
            _book.Stale = null;
        }

        await ArmWallAsync(policy, point);
        await SaveAsync();
        await CheckWallAsync(policy, point);
    }

    private async Task ArmWallAsync(RetrainPolicy policy, TriggerPoint point)
    {
        if (policy.Triggers.Periodic?.WallSeconds is not { } seconds)
        {
            // A durable reminder (Redis) outlives the activation that registered it: dropped when a schedule was armed before.
            if ((_wallPeriod is not null || _book.NextWall is not null) && await this.GetReminder(WallReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _book.NextWall = null;

            _wallPeriod = null;
            return;
        }

        if (_book.WallPolicy != point.PolicySequence || _book.NextWall is null)
        {
            (_book.NextWall, _book.WallPolicy) = (NowSeconds + seconds, point.PolicySequence);
        }

        // Reminders tick at most once a minute; the due time is checked against the silo's clock at every tick.
        var period = TimeSpan.FromSeconds(Math.Max(seconds, 60));
        if (_wallPeriod != period)
        {
            await this.RegisterOrUpdateReminder(WallReminder, TimeSpan.FromSeconds(Math.Min(seconds, 60)), period);
            _wallPeriod = period;
        }
    }

    /// <summary>Fires the wall-clock schedule when it is due (once, however many periods passed while the silo was down) and arms the next.</summary>
    private async Task CheckWallAsync(RetrainPolicy policy, TriggerPoint point)
    {
        if (_book.NextWall is not { } due || NowSeconds < due || policy.Triggers.Periodic?.WallSeconds is not { } seconds)
        {
            return;
        }

        _book.NextWall = NowSeconds + seconds;
        var late = NowSeconds - due;
        await AcceptAsync(RequestOf(policy), null, "periodic",
            $"every {Number(seconds)} s of wall-clock time (due at {DateTimeOffset.FromUnixTimeMilliseconds((long)(due * 1000)):O}{(late >= 1 ? $", {Number(late)} s late" : "")})",
            point, policy, onDemand: false);
    }

    private double NowSeconds => Now.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>The policy in force at the model's trigger point (the built-in "online" one when none was set).</summary>
    private static RetrainPolicy PolicyOf(TriggerPoint point, ModelSchema schema) => PolicyState.Resolve(point.Policy, schema.Task);

    /// <summary>The retrain a policy asks for: its kind, trainer, options, seed, window and gate, by "policy".</summary>
    private static RetrainRequest RequestOf(RetrainPolicy policy)
    {
        var spec = policy.ToSpec();
        return new()
        {
            By = "policy",
            Kind = spec.Retrain!.Kind,
            Trainer = policy.Retrain.Trainer,
            Options = policy.Retrain.Options.Count > 0 ? policy.Retrain.Options : null,
            Seed = policy.Retrain.Seed,
            Window = spec.Window,
            Gate = policy.Gate,
        };
    }

    /// <summary>Whether the policy fires on the signal: an alert kind at the severity it names (drift on enough features), or its schedule.</summary>
    private static bool Fires(RetrainPolicy policy, TriggerSignal signal, TriggerPoint point)
    {
        if (signal.Source == TriggerSignal.Schedule)
        {
            // A schedule counts for the policy it was counted under only.
            return signal.Key.Split(':') is [_, var sequence, _] && sequence == point.PolicySequence.ToString(CultureInfo.InvariantCulture)
                && policy.Triggers.Periodic is { } periodic
                && (signal.Kind == "events" ? periodic.Events is not null : signal.Kind == "eventSeconds" && periodic.EventSeconds is not null);
        }

        return policy.Triggers.Alerts.Any(t => t.Counts(signal.Kind, signal.Severity)
            && (t.Kind != PolicyAlertKind.Drift || (t.Severity == AlertSeverity.Critical ? signal.DriftCritical : signal.DriftWarning) >= t.MinFeatures));
    }

    private static string Describe(TriggerSignal s) => s.Source == TriggerSignal.Schedule
        ? $"{s.Subject} {(s.Kind == "events" ? "events" : "s of event time")} passed (at sequence {s.Sequence})"
        : $"{s.Kind} alert on {s.Subject} {s.Change} at {s.Severity.ToString().ToLowerInvariant()}"
            + (s.Kind == "drift" ? $" ({s.DriftCritical} features in a critical drift alert, {s.DriftWarning} in any)" : "")
            + $" (sequence {s.Sequence})";

    /// <summary>Why the champion no longer matches what the policy would train, or null: trainer, options or ML.NET differ.</summary>
    private static string? StaleReason(VersionView? champion, RetrainPolicy policy)
    {
        if (champion is null || champion.Version == SnapshotFactory.OnlineVersion || champion.Origin?.StartsWith("retrain ", StringComparison.Ordinal) != true
            || policy.Retrain.Trainer is not { } trainer)
        {
            return null;
        }

        if (!string.Equals(champion.Trainer, trainer, StringComparison.OrdinalIgnoreCase))
        {
            return $"version {champion.Version} was trained with {champion.Trainer}; the policy now trains {trainer}";
        }

        var options = (champion.Options ?? new Dictionary<string, double>()).Where(o => o.Key != "numberOfThreads").OrderBy(o => o.Key, StringComparer.Ordinal);
        if (!options.SequenceEqual(policy.Retrain.Options.OrderBy(o => o.Key, StringComparer.Ordinal)))
        {
            return $"version {champion.Version} was trained with options {{{string.Join(", ", options.Select(o => $"{o.Key}: {Number(o.Value)}"))}}}; "
                + $"the policy now sets {{{string.Join(", ", policy.Retrain.Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {Number(o.Value)}"))}}}";
        }

        return champion.Packages?.GetValueOrDefault("Microsoft.ML") is { } built && built != ModelTrainer.MlNetVersion
            ? $"version {champion.Version} was trained with ML.NET {built}; this silo runs {ModelTrainer.MlNetVersion}"
            : null;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
