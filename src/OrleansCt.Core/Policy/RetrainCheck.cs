namespace OrleansCt.Core.Policy;

/// <summary>
/// Checks Core cannot make because the trainers and the gate's metrics live in the Training project: whether
/// <paramref name="retrain"/>'s trainer trains <paramref name="task"/> (and warm-starts it, for a warm kind), whether its
/// options exist, and whether <paramref name="gate"/>'s metric and ranges fit. Called once Core's own checks passed; each
/// error names its JSON field in the policy ("retrain.trainer", "retrain.options.numberOfLeaves", "gate.metric").
/// </summary>
public delegate IEnumerable<FieldError> RetrainCheck(RetrainSettings retrain, GateRequest gate, ModelTask task);
