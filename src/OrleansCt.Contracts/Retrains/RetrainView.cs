namespace OrleansCt.Contracts;

/// <summary>
/// One retrain as the API shows it (GET /v1/models/{model}/retrains): what was asked, where in the log it read up to, what it
/// trained on and cost, the gate's decision with its reasons, and every state it went through.
/// </summary>
public sealed record RetrainView
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    /// <summary>"requested", "training", "validating", "promoted", "rejected", "failed"; "stopped" when a guard of the policy stopped the trigger.</summary>
    public required string State { get; init; }

    public required string Trigger { get; init; }

    public string? Reason { get; init; }

    public string? By { get; init; }

    /// <summary>"scratch", "warm" or "online".</summary>
    public required string Kind { get; init; }

    public required string Trainer { get; init; }

    public IReadOnlyDictionary<string, double>? Options { get; init; }

    public int Seed { get; init; }

    /// <summary>The newest labelled rows asked for.</summary>
    public int Rows { get; init; }

    /// <summary>The last log sequence the training may read (labels logged after it are never in its rows).</summary>
    public long Position { get; init; }

    public double? PositionEventTime { get; init; }

    public TrainingWindowView? Window { get; init; }

    /// <summary>How the training rows were chosen (the policy's or the request's window).</summary>
    public WindowChoiceView? WindowChoice { get; init; }

    /// <summary>Labelled rows the model had seen at the position: the minimum of new labels counts from it.</summary>
    public long? LabelledRows { get; init; }

    /// <summary>What the budget was charged when the retrain was accepted: planned rows × passes (the measured cost is in <see cref="Cost"/>).</summary>
    public double? PlannedRowPasses { get; init; }

    /// <summary>The guard that stopped it, when its state is "stopped".</summary>
    public GuardView? Guard { get; init; }

    public int? HoldoutRows { get; init; }

    public TrainingCostView? Cost { get; init; }

    /// <summary>The version registered for the candidate.</summary>
    public string? Candidate { get; init; }

    /// <summary>The version the candidate was compared with.</summary>
    public string? Champion { get; init; }

    public GateView? Decision { get; init; }

    /// <summary>The log sequence from which the candidate answers, once promoted.</summary>
    public long? PromotedAtSequence { get; init; }

    public string? Error { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    public required IReadOnlyList<RetrainStepView> Steps { get; init; }
}
