using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Serving;
using OrleansCt.Training.Artifacts;

namespace OrleansCt.Grains.Ingest;

/// <summary>A snapshot made ready to validate and predict with: its schema compiled, its learner restored, and an ML.NET champion loaded.</summary>
internal sealed record CompiledSnapshot(ModelSnapshot Snapshot, ModelSchema Schema, OnlineLearner Learner, LoadedModel? Champion)
{
    public static async Task<CompiledSnapshot> CompileAsync(ModelSnapshot snapshot, ChampionModels champions)
    {
        var schema = new ModelSchema(snapshot.Definition);
        var champion = snapshot.ArtifactSha256 is { } sha ? await champions.GetAsync(snapshot.Model, snapshot.Revision, schema, sha) : null;
        return new CompiledSnapshot(snapshot, schema, OnlineLearner.Restore(schema, snapshot.State), champion);
    }

    /// <summary>The champion's predictions: the ML.NET version's, scored in columns, or the online learner's.</summary>
    public Predictions Predict(EventBatch batch) => Champion is { } model ? model.Score(batch) : Learner.PredictAll(batch);
}
