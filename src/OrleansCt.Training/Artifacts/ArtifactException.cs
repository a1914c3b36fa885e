namespace OrleansCt.Training.Artifacts;

/// <summary>
/// A model zip that fails the infrastructure check: <see cref="Field"/> is "artifact" for the zip as a whole, or the name of
/// the input or output column at fault; the message starts with "artifact:" and says what to change.
/// </summary>
public sealed class ArtifactException(string field, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Field { get; } = field;
}
