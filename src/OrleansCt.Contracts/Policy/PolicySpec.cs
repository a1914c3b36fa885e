using System.Text.Json.Serialization;

namespace OrleansCt.Contracts;

/// <summary>
/// A model's continuous-training policy as PUT and GET at /v1/models/{model}/policy. Either <see cref="Use"/> alone (a built-in
/// policy by name) or any of the other fields, each optional: an omitted one takes the default its type documents.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicySpec
{
    /// <summary>A built-in policy: "never", "online", "periodic", "drift", "performance" or "default"; when set, no other field may be.</summary>
    public string? Use { get; init; }

    /// <summary>What starts a retrain; omitted: nothing does (on-demand retrains only).</summary>
    public PolicyTriggersSpec? Triggers { get; init; }

    /// <summary>What may stop a triggered retrain; omitted: the defaults of <see cref="PolicyGuardsSpec"/>.</summary>
    public PolicyGuardsSpec? Guards { get; init; }

    /// <summary>Which labelled rows a retrain trains on; omitted: a fixed window of the newest 50,000.</summary>
    public PolicyWindowSpec? Window { get; init; }

    /// <summary>What a triggered retrain trains; omitted: a LightGBM model from scratch with seed 0.</summary>
    public PolicyRetrainSpec? Retrain { get; init; }

    /// <summary>The gate a triggered retrain's candidate must pass, as for an on-demand retrain; omitted: the gate's defaults (no worse than the champion).</summary>
    public GateRequest? Gate { get; init; }

    /// <summary>Whether the online learner keeps learning from every label; omitted: true.</summary>
    public bool? OnlineLearning { get; init; }
}
