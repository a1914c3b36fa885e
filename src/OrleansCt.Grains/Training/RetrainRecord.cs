namespace OrleansCt.Grains.Training;

/// <summary>
/// One retrain as the coordinator keeps it: its view (what the API shows), the request it came from (to run it again after a
/// crash), and in the deterministic mode the event time from which its candidate answers.
/// </summary>
internal sealed record RetrainRecord(RetrainView View, RetrainRequest Request, double? Due)
{
    public const string Requested = "requested";
    public const string Training = "training";
    public const string Validating = "validating";
    public const string Promoted = "promoted";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Stopped = "stopped";

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Decided => View.State is Promoted or Rejected or Failed or Stopped;

    /// <summary>Whether it counts for the guards: every retrain accepted (a guard's stop is a record, not a retrain).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Accepted => View.State != Stopped;

    /// <summary>This record in <paramref name="state"/>, with the step that took it there.</summary>
    public RetrainRecord Enter(string state, DateTimeOffset at, string note, Func<RetrainView, RetrainView>? change = null)
    {
        var view = (change?.Invoke(View) ?? View) with { State = state, Steps = [.. View.Steps, new RetrainStepView(state, at, note)] };
        return this with { View = view };
    }
}
