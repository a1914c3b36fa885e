using OrleansCt.Core.Labels;
using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Models;

/// <summary>One model: the only writer of its log; applies entries to its learner and counters.</summary>
[Alias("OrleansCt.IModelGrain")]
public interface IModelGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<RegisterResult> Register(ModelDefinition definition);

    /// <summary>Null when the model is not registered.</summary>
    [Alias("GetInfo")]
    Task<ModelInfo?> GetInfo();

    /// <summary>The champion's latest snapshot; null when the model is not registered.</summary>
    [Alias("GetSnapshot")]
    Task<ModelSnapshot?> GetSnapshot();

    /// <summary>Interleaves with other calls (appends are pipelined: see ModelGrain), answering once the batch is durable.</summary>
    [Alias("AppendEvents"), AlwaysInterleave]
    Task<AppendEventsResult> AppendEvents(Immutable<EventsSubmission> submission);

    /// <summary>Interleaves with other calls, as <see cref="AppendEvents"/>.</summary>
    [Alias("AppendLabels"), AlwaysInterleave]
    Task<AppendLabelsResult> AppendLabels(Immutable<LabelBatch> labels);

    /// <summary>Enforces retention now (it also runs in the background) and says what was dropped.</summary>
    [Alias("EnforceRetention")]
    Task<RetentionResult> EnforceRetention();

    /// <summary>Stats over a window ("all", "24h", "10000e").</summary>
    [Alias("GetStats")]
    Task<StatsResult> GetStats(string window);

    /// <summary>Sets the reference drift is measured against (CSV rows or an event-time range of the log).</summary>
    [Alias("SetReference")]
    Task<ReferenceResult> SetReference(Immutable<ReferenceSubmission> request);

    /// <summary>
    /// Logs a promotion entry: the version answers from it on. Idempotent by move id (a move driven again after a crash returns
    /// the entry it already logged). Interleaves, so that ingestion waiting for a retrain in the deterministic mode lets it in.
    /// </summary>
    [Alias("Promote"), AlwaysInterleave]
    Task<PromoteResult> Promote(Immutable<Promotion> promotion);

    /// <summary>
    /// The log position a retrain reads up to; with <paramref name="modelledSeconds"/> (the deterministic mode) ingestion waits
    /// for its decision before logging the first batch at or after the event time then plus those seconds (or at
    /// <paramref name="due"/>, when a coordinator re-arms the wait of a retrain it took up again after a restart).
    /// </summary>
    [Alias("MarkRetrain"), AlwaysInterleave]
    Task<RetrainPoint> MarkRetrain(string retrainId, double? modelledSeconds, double? due);

    /// <summary>The version answering and whether promotion <paramref name="moveId"/> was logged (its sequence; 0: not).</summary>
    [Alias("GetPromotion")]
    Task<long> GetPromotion(long moveId);

    /// <summary>
    /// Validates a continuous-training policy and logs it as a control entry carrying who set it (replays and backtests see it at
    /// the same place); a bad policy names each field and logs nothing.
    /// </summary>
    [Alias("SetPolicy")]
    Task<PolicyResult> SetPolicy(PolicySpec policy, string by, string? reason);

    /// <summary>The policy in force (the built-in "online" one when none was set).</summary>
    [Alias("GetPolicy"), AlwaysInterleave]
    Task<PolicyResult> GetPolicy();

    /// <summary>Drift scores over time for a window of this many seconds (null: the model's setting), windows ending within [from, to].</summary>
    [Alias("GetDrift")]
    Task<DriftResult> GetDrift(double? windowSeconds, double? from, double? to);

    /// <summary>
    /// Where the model stands for a trigger's decision: applied sequence, event time, counts and the policy in force. Interleaves and
    /// waits for nothing, so the coordinator may ask while the model is delivering the very entry that raised the trigger.
    /// </summary>
    [Alias("GetTriggerPoint"), AlwaysInterleave]
    Task<TriggerPoint> GetTriggerPoint();

    /// <summary>
    /// Hands every closed bucket in the outbox to the feature windows and waits until they have scored it (their history and alerts
    /// are then up to date). Interleaves, so the coordinator may ask while an append waits for its decision.
    /// </summary>
    [Alias("FlushDrift"), AlwaysInterleave]
    Task FlushDrift();
}
