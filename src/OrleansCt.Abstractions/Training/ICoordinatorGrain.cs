namespace OrleansCt.Abstractions.Training;

/// <summary>
/// A model's continuous-training coordinator (key: the model): runs one retrain at a time through a persisted state machine —
/// requested → training → validating → promoted, rejected or failed — and keeps every retrain's record.
/// </summary>
[Alias("OrleansCt.ICoordinatorGrain")]
public interface ICoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Accepts a retrain (it runs in the background) or says why not, naming the field.</summary>
    [Alias("Retrain")]
    Task<RetrainResult> Retrain(RetrainRequest request, string trigger);

    /// <summary>Every retrain of the model, oldest first; null when the model is not registered.</summary>
    [Alias("List")]
    Task<RetrainListResponse?> List();

    /// <summary>
    /// The retrain <paramref name="id"/> once it is decided (promoted, rejected or failed), or as it stands when
    /// <paramref name="timeout"/> passes first; null when there is no such retrain.
    /// </summary>
    [Alias("Await"), AlwaysInterleave]
    Task<RetrainView?> Await(string id, TimeSpan timeout);

    /// <summary>
    /// The model's log reached retrain <paramref name="id"/>'s due event time (the deterministic mode): its candidate, once it passes
    /// the gate, is promoted now; answers as <see cref="Await"/>, once the retrain is decided.
    /// </summary>
    [Alias("DueReached"), AlwaysInterleave]
    Task<RetrainView?> DueReached(string id, TimeSpan timeout);

    /// <summary>Cancels a retrain that is not decided yet (a queued one never runs; a running training is stopped); false when there is none to cancel.</summary>
    [Alias("Cancel")]
    Task<RetrainView?> Cancel(string id, string by);

    /// <summary>Registers an ML.NET zip trained elsewhere after the infrastructure check (it loads against the schema and scores a sample in time).</summary>
    [Alias("Upload")]
    Task<Registry.RegisterVersionResult> Upload(Immutable<byte[]> zip, string? reason, string? by);

    /// <summary>Retrains version <paramref name="version"/> from the log with its recorded settings and compares the two on a sample.</summary>
    [Alias("Reproduce")]
    Task<ReproduceResult> Reproduce(string version);

    /// <summary>
    /// The retrains not decided yet that wait for a due event time (the deterministic mode): a model grain that activates again
    /// arms its waits from them. Interleaves, and calls nothing, so a model grain may ask while it is being asked.
    /// </summary>
    [Alias("PendingDue"), AlwaysInterleave]
    Task<RetrainDue[]> PendingDue();

    /// <summary>Activates the coordinator so that a retrain a crash interrupted is taken up again (the silo's start-up sweep calls it).</summary>
    [Alias("Resume")]
    Task Resume();

    /// <summary>
    /// Alerts that opened or escalated, or schedules that came due: each is matched against the policy in force, and one that fires
    /// goes through the guards and becomes a retrain or a record of the guard that stopped it. Signals at or below the coordinator's
    /// high-water mark for their source (sequence, and the keys seen at it) are ignored, so a retried call changes nothing.
    /// </summary>
    [Alias("Signal")]
    Task Signal(Immutable<TriggerSignal[]> signals);

    /// <summary>
    /// The model's policy changed (its control entry was applied at <paramref name="sequence"/>): the wall-clock schedule is armed
    /// again, a new trainer or options mark the champion stale (and retrain it under a configChange trigger), and a policy that
    /// trains once (never) does so now.
    /// </summary>
    [Alias("PolicyChanged")]
    Task PolicyChanged(long sequence);
}
