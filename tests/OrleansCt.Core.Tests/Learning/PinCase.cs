using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>A learner definition and the stream it is fed.</summary>
internal sealed record PinCase(string Name, ModelDefinition Definition, Lazy<EventBatch> Stream)
{
    public ModelSchema Schema => new(Definition);

    public EventBatch Batch => Stream.Value;
}
