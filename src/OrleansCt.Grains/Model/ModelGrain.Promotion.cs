using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Training;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Grains.Log;
using OrleansCt.Training.Artifacts;

namespace OrleansCt.Grains.Model;

/// <remarks>
/// Versions in the log: a promotion entry makes a version the one that answers (DESIGN.md, "Training"). <see cref="_champion"/>
/// is the champion as of the entries reserved so far — a submission predicted by any other version is Stale from the moment the
/// promotion entry is taken, before it is durable, so no row after the entry carries the old version.
/// </remarks>
public sealed partial class ModelGrain
{
    private Champion _champion = Champion.Online;
    private readonly Dictionary<long, long> _promotionsTaken = [];
    private readonly List<(string Id, double Due)> _retrainGates = [];
    private Task _gatesRestored = Task.CompletedTask;

    public async Task<PromoteResult> Promote(Immutable<Promotion> request)
    {
        await ThrowIfCannotWriteAsync();
        var promotion = request.Value;
        if (_applier.Schema is not { } schema)
        {
            return new PromoteResult(PromoteStatus.NotFound, 0, null, [new FieldError("model", $"'{Model}' is not registered")]);
        }

        if (await LoggedPromotionAsync(promotion.MoveId) is { } logged)
        {
            return logged;
        }

        if (promotion.ArtifactSha256 is { } sha)
        {
            try
            {
                await champions.GetAsync(Model, _applier.Revision, schema, sha);
            }
            catch (ArtifactException e)
            {
                return new PromoteResult(PromoteStatus.Refused, 0, null, [new FieldError(e.Field, e.Message)]);
            }
        }

        var (profile, referenceProblem) = await ReferenceOfAsync(promotion);

        // From here to the append: no await, so no submission can slip in between the check above and the entry.
        _pipeline.ThrowIfBroken();
        if (_promotionsTaken.TryGetValue(promotion.MoveId, out var reserved))
        {
            await _pipeline.DurableAsync(reserved);
            return await LoggedPromotionAsync(promotion.MoveId) ?? throw new InvalidOperationException($"promotion {promotion.MoveId} was not applied");
        }

        var entry = new PromotionEntry(NowUnixMs, promotion.MoveId, promotion.Version, promotion.ArtifactSha256, promotion.Reason, profile);
        var (sequence, durable) = _pipeline.Append(entry, []);
        _promotionsTaken[promotion.MoveId] = sequence;
        _champion = new Champion(promotion.Version, promotion.ArtifactSha256, sequence, promotion.MoveId);
        await durable;
        await _pipeline.EnsureAppliedAsync();
        PublishSnapshot(force: true);
        await TryCheckpointAsync();
        return new PromoteResult(PromoteStatus.Logged, sequence, EventTimeNow(), [], referenceProblem);
    }

    public async Task<long> GetPromotion(long moveId)
    {
        await _pipeline.SettleAsync();
        return _applier.Promotions.TryGetValue(moveId, out var sequence) ? sequence : 0;
    }

    public async Task<RetrainPoint> MarkRetrain(string retrainId, double? modelledSeconds, double? due)
    {
        if (_applier.Schema is null)
        {
            return new RetrainPoint(false, 0, null, null, 0);
        }

        await _pipeline.EnsureAppliedAsync();
        var eventTime = EventTimeNow();
        due ??= modelledSeconds is { } seconds && eventTime is { } time ? time + seconds : null;
        if (due is { } at && !_retrainGates.Contains((retrainId, at)))
        {
            _retrainGates.Add((retrainId, at));
        }

        return new RetrainPoint(true, _applier.AppliedSequence, eventTime, due, checkpoint.State.Retention.FirstRetainedSequence);
    }

    /// <summary>
    /// In the deterministic mode, a batch at or past a pending retrain's due event time waits for the retrain's decision, so the
    /// candidate answers from exactly that point whatever the machine's speed.
    /// </summary>
    private async Task WaitForRetrainAsync(Core.Events.EventBatch batch)
    {
        await _gatesRestored;
        while (batch.Count > 0 && _retrainGates.Count > 0 && _retrainGates.MinBy(g => g.Due) is var gate && batch.Times.Min() >= gate.Due)
        {
            await GrainFactory.GetGrain<ICoordinatorGrain>(Model).DueReached(gate.Id, _options.RetrainWait);
            _retrainGates.Remove(gate);
        }
    }

    /// <summary>
    /// The waits of retrains still pending, asked of the coordinator once after activation (the deterministic mode): they live in
    /// memory, and a model grain that activates again — after a reload, an idle deactivation — must not let a batch past them.
    /// Not awaited by the activation (the coordinator's own activation calls back here); the first append awaits it instead.
    /// </summary>
    private async Task RestoreRetrainGatesAsync()
    {
        await Task.Yield();
        try
        {
            foreach (var pending in await GrainFactory.GetGrain<ICoordinatorGrain>(Model).PendingDue())
            {
                if (!_retrainGates.Contains((pending.Id, pending.Due)))
                {
                    _retrainGates.Add((pending.Id, pending.Due));
                }
            }
        }
        catch (Exception e)
        {
            // Ingestion must not stop because the coordinator cannot answer: the coordinator re-arms the waits when it activates.
            LogGatesNotRestored(Model, e);
        }
    }

    private async Task<PromoteResult?> LoggedPromotionAsync(long moveId)
    {
        await _pipeline.EnsureAppliedAsync();
        return _applier.Promotions.TryGetValue(moveId, out var sequence)
            ? new PromoteResult(PromoteStatus.Logged, sequence, EventTimeNow(), [])
            : null;
    }

    /// <summary>The reference profile of the new champion's training window, or why there is none (the promotion goes on without it).</summary>
    private async Task<(byte[]? Profile, string? Problem)> ReferenceOfAsync(Promotion promotion)
    {
        if (promotion is not { ReferenceFrom: { } from, ReferenceTo: { } to })
        {
            return (null, null);
        }

        var read = await _references.FromEventsAsync(_applier.Schema!, from, to);
        if (read.Errors.Count > 0 || read.Batch is null)
        {
            return (null, string.Join("; ", read.Errors.Select(e => e.Message)));
        }

        var profile = ReferenceBuilder.Profile(_applier.Schema!, _applier.Monitor!.ReferenceRevision + 1, read, null);
        return (DriftJson.Write(profile), null);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Model {Model} could not restore the waits of pending retrains")]
    private partial void LogGatesNotRestored(string model, Exception exception);

    private double? EventTimeNow() =>
        _applier.Monitor is { } monitor && double.IsFinite(monitor.Buckets.MaxEventTime) ? monitor.Buckets.MaxEventTime : null;
}
