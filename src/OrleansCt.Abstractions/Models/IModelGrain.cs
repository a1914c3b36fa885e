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

    /// <summary>Drift scores over time for a window of this many seconds (null: the model's setting), windows ending within [from, to].</summary>
    [Alias("GetDrift")]
    Task<DriftResult> GetDrift(double? windowSeconds, double? from, double? to);
}
