namespace OrleansCt.Training.Validation;

/// <summary>The names of the gate's checks, in the order it makes them.</summary>
public static class GateCheck
{
    public const string Infrastructure = "infrastructure";

    public const string Latency = "latency";

    /// <summary>The candidate has the gate's metric at all (a held-out set with no scored row has none).</summary>
    public const string Metric = "metric";

    public const string Floor = "floor";

    public const string Change = "change";

    public const string RelativeChange = "relativeChange";
}
