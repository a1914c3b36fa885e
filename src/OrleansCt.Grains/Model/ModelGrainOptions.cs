namespace OrleansCt.Grains.Model;

/// <summary>Settings of every model grain ("OrleansCt:Model" in configuration).</summary>
public sealed class ModelGrainOptions
{
    /// <summary>Re-sent event ids are recognised for this long after they arrived (DESIGN.md log contract 4).</summary>
    public TimeSpan DedupHorizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Id hashes kept in memory: a re-sent event id is recognised among the newest this many (within the horizon). Beyond
    /// them a batch resent unchanged is still recognised whole, by its fingerprint; labels still join older events through the stored id index.
    /// </summary>
    public int RecentIds { get; set; } = 50_000;

    /// <summary>Batch fingerprints kept in memory; older ones (within the horizon) are one indexed query of the stored batch index.</summary>
    public int RecentBatches { get; set; } = 10_000;

    /// <summary>Events whose batches stay in memory awaiting labels; older ones are read back from the log.</summary>
    public int RecentEvents { get; set; } = 10_000;

    /// <summary>
    /// A checkpoint is written after this many applied log entries... (a replay after a crash reads at most these, so it bounds the
    /// restart time; the monitor's checkpoint is written whole, so single-event requests should not write one every few events)
    /// </summary>
    public int CheckpointEntries { get; set; } = 1_024;

    /// <summary>...or this many applied events...</summary>
    public long CheckpointEvents { get; set; } = 64_000;

    /// <summary>...or this long after the first entry it does not cover, whichever comes first.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The log keeps entries for this long after they arrived (DESIGN.md log contract 8)...</summary>
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromDays(180);

    /// <summary>...and at most this many payload bytes per model; null: no size limit.</summary>
    public long? RetentionBytes { get; set; }

    /// <summary>How often a model enforces its retention in the background.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// In the deterministic mode, the longest a batch waits for a pending retrain's decision (a coordinator that cannot answer must
    /// not stop ingestion for ever); after it the batch goes on with the champion it has.
    /// </summary>
    public TimeSpan RetrainWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The learner publishes a new snapshot to the ingest grains after this many updates.</summary>
    public int SnapshotUpdates { get; set; } = 100;

    /// <summary>...or after this many seconds of event time with at least one update; null: by updates only.</summary>
    public double? SnapshotEventSeconds { get; set; }
}
