using OrleansCt.Core.Events;

namespace OrleansCt.Grains.Model;

/// <summary>A reference as read from its source: its rows and their scores and the schema inferred from them, or why it could not be read.</summary>
/// <param name="Source">"csv" or "events", as the reference profile records it.</param>
internal sealed record ReferenceSource(EventBatch? Batch, double[]? Scores, InferredSchema? Inferred, string Source, IReadOnlyList<FieldError> Errors)
{
    /// <summary>A source that gave no reference.</summary>
    public static ReferenceSource Invalid(string source, IReadOnlyList<FieldError> errors) => new(null, null, null, source, errors);
}
