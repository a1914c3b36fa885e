namespace OrleansCt.Training.Validation;

/// <summary>A gate spec that does not fit: <see cref="Field"/> names what to change, e.g. gate.metric.</summary>
public sealed class GateSpecException(string field, string message) : ArgumentException(message)
{
    public string Field { get; } = field;
}
