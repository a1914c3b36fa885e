namespace OrleansCt.Training.Trainers;

/// <summary>A trainer spec (or a warm start) that does not fit: <see cref="Field"/> names what to change, e.g. options.numberOfLeaves.</summary>
public sealed class TrainerSpecException(string field, string message) : ArgumentException(message)
{
    public string Field { get; } = field;
}
