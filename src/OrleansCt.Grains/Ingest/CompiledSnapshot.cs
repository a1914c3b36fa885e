using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Ingest;

/// <summary>A snapshot made ready to validate and predict with: its schema compiled and its learner restored.</summary>
internal sealed record CompiledSnapshot(ModelSnapshot Snapshot, ModelSchema Schema, OnlineLearner Learner)
{
    public static CompiledSnapshot From(ModelSnapshot snapshot)
    {
        var schema = new ModelSchema(snapshot.Definition);
        return new CompiledSnapshot(snapshot, schema, OnlineLearner.Restore(schema, snapshot.State));
    }
}
