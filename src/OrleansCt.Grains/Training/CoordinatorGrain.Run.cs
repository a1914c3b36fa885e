using System.Globalization;
using OrleansCt.Abstractions.Registry;
using OrleansCt.Core.Policy;
using OrleansCt.Core.Registry;
using OrleansCt.Training.Artifacts;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;

namespace OrleansCt.Grains.Training;

/// <remarks>One retrain, step by step: each state is stored before the work of the next begins.</remarks>
public sealed partial class CoordinatorGrain
{
    private async Task RunAsync(string id, CancellationToken cancellationToken)
    {
        var record = Find(id)!;
        if (record.View.Attempts > 0 && await PromotedCandidateAsync(id) is { } done)
        {
            // The silo stopped after the registry had stored the move to this retrain's candidate; the registry's activation
            // (the List above) drove the move to its end. Training again would compare the candidate with itself and ask the
            // registry to promote a version that already is champion.
            await DecideAsync(record.Enter(RetrainRecord.Promoted, Now,
                $"version {done.Version}, registered for this retrain before the silo stopped, is champion from log sequence {done.Sequence}; not trained again",
                v => v with { Candidate = done.Version, PromotedAtSequence = done.Sequence }));
            return;
        }

        var attempt = record.View.Attempts + 1;
        record = record.Enter(RetrainRecord.Training, Now, $"attempt {attempt}: reading the labelled rows logged up to sequence {record.View.Position}",
            v => v with { Attempts = attempt });
        await StepAsync(record);
        var schema = await SchemaAsync() ?? throw new InvalidOperationException($"model '{Model}' is no longer registered");
        var (plan, errors) = RetrainPlan.Parse(record.Request, schema, _options);
        if (plan is null)
        {
            throw new InvalidOperationException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        var read = await work.ReadAsync(Model, schema, record.View.Position, plan.Rows, cancellationToken);
        int? chosenHoldout = null;
        if (plan.Kind != RetrainPlan.Online && !(plan.Window is FixedWindow { Seconds: null } && read.Rows.Count > 0))
        {
            // A window other than the newest rows chooses among those read; the newest rows are what was read.
            var selection = await SelectAsync(record, read, plan, schema, cancellationToken);
            if (selection.Keep is null)
            {
                await DecideAsync(record.Enter(RetrainRecord.Failed, Now, $"the {selection.Choice.Kind} window found too few rows: {selection.Choice.Text}",
                    v => v with { Error = "too few labelled rows", WindowChoice = selection.Choice }));
                return;
            }

            (read, chosenHoldout) = (read.Select(selection.Keep), selection.Holdout);
            record = record with { View = record.View with { WindowChoice = selection.Choice } };
        }

        var rows = read.Rows;
        var holdout = chosenHoldout ?? plan.Gate.HoldoutRows(rows.Count);
        if (holdout == 0)
        {
            await DecideAsync(record.Enter(RetrainRecord.Failed, Now,
                $"{rows.Count:N0} labelled rows were logged by sequence {record.View.Position}; a retrain needs at least {plan.Gate.MinimumLabelledRows:N0} (the gate holds out at least {plan.Gate.MinHoldoutRowsOrDefault:N0})",
                v => v with { Error = "too few labelled rows" }));
            return;
        }

        var champion = await ChampionAsync();
        var championModel = champion?.ArtifactSha256 is { } sha && champion.ArtifactDropped is false
            ? await champions.GetAsync(Model, 0, schema, sha)
            : null;
        if (plan.Kind == RetrainPlan.Online)
        {
            await ContinueOnlineAsync(record, read, holdout, plan, schema.Task, champion, championModel, cancellationToken);
            return;
        }

        if (plan.Kind == RetrainPlan.Warm && championModel is not null && championModel.LinearParameters is null)
        {
            await DecideAsync(record.Enter(RetrainRecord.Failed, Now,
                $"a warm start continues from the champion's linear parameters (an ML.NET linear version, or the online learner's weights); the champion (version {champion?.Version}) is a tree model",
                v => v with { Error = "nothing to warm-start from" }));
            return;
        }

        var outcome = await work.TrainAsync($"{Model} retrain {id}", rows, read.Served, holdout, plan, plan.Kind == RetrainPlan.Warm ? championModel : null,
            championModel, _options.Timeout, cancellationToken);
        var window = TrainWindow(read, rows.Count - holdout, outcome.Trained.RowsDigest);
        var cost = outcome.Trained.Cost;
        record = record.Enter(RetrainRecord.Validating, Now,
            $"trained {RetrainPlan.Name(plan.Spec.Kind)} on {window.Rows:N0} rows in {cost.Seconds:F2} s; measuring on the newest {holdout:N0} held out",
            v => v with
            {
                Window = window,
                HoldoutRows = holdout,
                Cost = new TrainingCostView(cost.Rows, cost.Passes, cost.RowPasses, cost.Seconds),
                Champion = champion?.Version,
            });
        await StepAsync(record);
        var decision = ValidationGate.Decide(plan.Gate, schema.Task, outcome.Infrastructure, outcome.Candidate, outcome.Champion, champion?.Version);
        var registered = await Registry.Register(new(Draft(record, plan, outcome, window, decision, champion?.Version)));
        var candidate = registered.Version?.Version ?? throw new InvalidOperationException($"the registry refused the candidate: {string.Join("; ", registered.Errors.Select(e => e.Message))}");
        await ConcludeAsync(record, candidate, decision, cancellationToken);
    }

    /// <summary>Rejected, or promoted (in the deterministic mode once the log reaches the due event time): the retrain's last step.</summary>
    private async Task ConcludeAsync(RetrainRecord record, string candidate, GateDecision decision, CancellationToken cancellationToken, bool switchesReference = true)
    {
        var id = record.View.Id;
        record = record with { View = record.View with { Candidate = candidate, Decision = View(decision) } };
        if (!decision.Passed)
        {
            await DecideAsync(record.Enter(RetrainRecord.Rejected, Now, $"version {candidate} {decision.Summary}"));
            return;
        }

        await StepAsync(record.Enter(RetrainRecord.Validating, Now, record.Due is { } due
            ? $"version {candidate} {decision.Summary}; it answers from the first batch at event time {due.ToString(CultureInfo.InvariantCulture)} or later"
            : $"version {candidate} {decision.Summary}; promoting"));
        if (record.Due is not null)
        {
            await DueSignal(id).Task.WaitAsync(cancellationToken);
        }

        var moved = await Registry.Promote(candidate, $"retrain {id}: {decision.Summary}", record.View.By ?? "coordinator", switchesReference);
        if ((moved.Move ?? await PromotedCandidateAsync(id) ?? await ChampionMoveToAsync(candidate)) is not { } move)
        {
            throw new InvalidOperationException($"promoting version {candidate} was refused: {string.Join("; ", moved.Errors.Select(e => e.Message))}");
        }

        var note = $"version {candidate} is champion from log sequence {move.Sequence}" + (
            !switchesReference ? "; it has no training window, so the reference is unchanged"
            : moved.ReferenceProblem is { } problem ? $" (reference unchanged: {problem})"
            : "; drift is measured against its training window");
        await DecideAsync(Find(id)!.Enter(RetrainRecord.Promoted, Now, note, v => v with { PromotedAtSequence = move.Sequence }));
    }

    /// <summary>The policy's (or request's) window applied to the rows read: a dynamic one trains its candidates on the training thread.</summary>
    private async Task<WindowSelection> SelectAsync(RetrainRecord record, LabelledRows read, RetrainPlan plan, Core.Schema.ModelSchema schema, CancellationToken cancellationToken)
    {
        var time = record.View.PositionEventTime;
        switch (plan.Window)
        {
            case FixedWindow fixedWindow:
                return TrainingWindows.Fixed(read, fixedWindow, time, plan.Gate);
            case DynamicWindow dynamic:
                return await work.SelectAsync($"{Model} retrain {record.View.Id} window", token => TrainingWindows.Dynamic(read, dynamic, time, plan.Gate, plan.Spec, token),
                    _options.Timeout, cancellationToken);
            case Core.Policy.RepresentativeWindow representative:
                var (reference, drifted) = await DriftFlagsAsync(schema, time);
                return TrainingWindows.Representative(read, representative, plan.Gate, reference, drifted, plan.Spec.Seed);
            default:
                throw new InvalidOperationException($"{plan.Window.GetType().Name} is not a window the coordinator knows");
        }
    }

    /// <summary>
    /// The reference the feature windows score against (their groups' features together) and the buckets they flagged, once every
    /// bucket closed so far is scored: the newest
    /// bucket of each window with a drifted feature, as the event-time interval (end − bucket, end], up to <paramref name="until"/>.
    /// </summary>
    private async Task<(Core.Drift.Windows.ReferenceProfile? Reference, List<(double Start, double End)> Drifted)> DriftFlagsAsync(Core.Schema.ModelSchema schema, double? until)
    {
        // Live, the windows are fed off the append's path: what is closed by now is scored before the flags are read.
        await Owner.FlushDrift();
        Core.Drift.Windows.ReferenceProfile? reference = null;
        var drifted = new List<(double, double)>();
        var bucket = schema.Definition.Monitoring.BucketSeconds;
        foreach (var (key, _, _) in Grains.Model.FeatureGroups.Of(Model, schema))
        {
            var group = GrainFactory.GetGrain<Abstractions.Drift.IFeatureWindowGrain>(key);
            if ((await group.GetReference()).Value is { } json)
            {
                var part = Core.Drift.Windows.DriftJson.Read<Core.Drift.Windows.ReferenceProfile>(json);
                reference = reference is null ? part : reference with { Features = [.. reference.Features, .. part.Features] };
            }

            if (bucket is { } seconds)
            {
                foreach (var e in await group.GetHistory(null, null, until))
                {
                    if (e.WindowEnd is { } end && e.Features.Any(f => f.Drifted))
                    {
                        drifted.Add((end - seconds, end));
                    }
                }
            }
        }

        return (reference, drifted);
    }

    /// <summary>The champion move this retrain made (its reason starts "retrain {id}:"), when its version is still champion.</summary>
    private async Task<AliasMoveView?> PromotedCandidateAsync(string id) =>
        await Registry.List() is { } list
        && list.History.LastOrDefault(m => m.Alias == Aliases.Champion) is { } last
        && last.Reason.StartsWith($"retrain {id}:", StringComparison.Ordinal)
            ? last
            : null;

    /// <summary>The move that made <paramref name="candidate"/> champion, when it is champion now (someone promoted it meanwhile).</summary>
    private async Task<AliasMoveView?> ChampionMoveToAsync(string candidate) =>
        await Registry.List() is { } list && list.History.LastOrDefault(m => m.Alias == Aliases.Champion) is { } last && last.Version == candidate ? last : null;

    private async Task<VersionView?> ChampionAsync() =>
        (await Registry.List())?.Versions.FirstOrDefault(v => v.Aliases.Contains(Aliases.Champion));

    /// <summary>The window of the rows trained on: the oldest <paramref name="trained"/> of those read (the rest were held out).</summary>
    private static TrainingWindowView TrainWindow(LabelledRows read, int trained, string digest)
    {
        var times = read.Rows.Times.Take(trained).ToArray();
        var sequences = read.Sequences.Take(trained).ToArray();
        return new TrainingWindowView(times.Min(), times.Max(), sequences.Min(), sequences.Max(), trained, digest);
    }

    private VersionDraft Draft(RetrainRecord record, RetrainPlan plan, TrainingOutcome outcome, TrainingWindowView window, GateDecision decision, string? parent)
    {
        var validation = new Dictionary<string, double>(StringComparer.Ordinal) { ["holdout.rows"] = outcome.HoldoutRows };
        foreach (var metric in GateMetric.All)
        {
            if (metric.ValueIn(outcome.Candidate) is { } value)
            {
                validation[$"holdout.{metric.Name}"] = value;
            }
        }

        var cost = outcome.Trained.Cost;
        return new VersionDraft(
            Origin: $"retrain {record.View.Id}",
            Parent: parent,
            Trainer: RetrainPlan.Name(plan.Spec.Kind),
            // Every trainer runs on one thread (TrainerCatalog), which is what makes it reproducible: recorded with the options.
            Options: new Dictionary<string, double>(plan.Spec.OptionValues, StringComparer.Ordinal) { ["numberOfThreads"] = 1 },
            Seed: plan.Spec.Seed,
            Packages: new Dictionary<string, string>(StringComparer.Ordinal) { ["Microsoft.ML"] = outcome.Trained.MlNetVersion },
            Window: window,
            Trigger: record.View.Trigger,
            Reason: $"retrain {record.View.Id} ({plan.Kind}{WarmNote(outcome.Trained.WarmStarted, parent)}): {decision.Summary}",
            Validation: validation,
            Cost: new TrainingCostView(cost.Rows, cost.Passes, cost.RowPasses, cost.Seconds),
            Artifact: outcome.Trained.Artifact.Bytes.ToArray());
    }

    private static string WarmNote(bool warmStarted, string? parent) =>
        !warmStarted ? ""
        : parent == Grains.Model.SnapshotFactory.OnlineVersion ? ", warm-started from the online learner's weights (its algorithm, one pass over these rows)"
        : ", warm-started from " + parent;

    private static GateView View(GateDecision d) =>
        new(d.Passed, d.Summary, d.Metric, d.Candidate, d.Champion, [.. d.Reasons.Select(r => new GateReasonView(r.Check, r.Passed, r.Text, r.Value, r.Threshold))]);
}
