namespace OrleansCt.Contracts;

/// <summary>
/// POST /v1/models/{model}/retrain, every field optional: why, by whom, the trainer ("lightgbm", "fasttree", "sdca", "lbfgs", …)
/// with its options and seed, the kind ("scratch", "warm": from the champion's parameters, "online": the online learner carries
/// on), how many of the newest labelled rows to train on (default 50,000) or a window, and the gate's settings.
/// </summary>
public sealed record RetrainRequest
{
    public string? Reason { get; init; }

    public string? By { get; init; }

    public string? Trainer { get; init; }

    public IReadOnlyDictionary<string, double>? Options { get; init; }

    public int? Seed { get; init; }

    public string? Kind { get; init; }

    public int? Rows { get; init; }

    /// <summary>Which rows to train on, as a policy's window ("fixed", "dynamic", "representative"); not with <see cref="Rows"/>.</summary>
    public PolicyWindowSpec? Window { get; init; }

    public GateRequest? Gate { get; init; }
}
