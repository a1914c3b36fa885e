namespace OrleansCt.Grains.Training;

/// <summary>How retrains run on this silo ("Training" in the silo's configuration).</summary>
public sealed class TrainingOptions
{
    /// <summary>Trainings that may run at once on a silo, each on a dedicated thread (2 cores must keep serving); others queue.</summary>
    public int Slots { get; set; } = 1;

    /// <summary>A training running longer than this is stopped and its retrain marked failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The newest labelled rows a retrain trains on unless told otherwise.</summary>
    public int DefaultRows { get; set; } = 50_000;

    /// <summary>The most rows a retrain may ask for.</summary>
    public int MaxRows { get; set; } = 1_000_000;

    /// <summary>
    /// The deterministic mode (tests, backtests): a training takes this many seconds of event time — its candidate answers from
    /// the first batch at or after the request's event time plus these seconds, and ingestion waits for it there. Null (live):
    /// training takes the time it takes and serving never waits.
    /// </summary>
    public double? ModelledSeconds { get; set; }

    /// <summary>Artifacts of the newest versions kept besides the champion's and the challenger's; older ones are dropped, their records kept.</summary>
    public int KeepArtifacts { get; set; } = 10;

    /// <summary>Attempts at a retrain that a silo crash interrupted before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 2;
}
