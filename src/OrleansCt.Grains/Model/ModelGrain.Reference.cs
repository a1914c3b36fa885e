using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.SchemaInference;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    /// <summary>
    /// Sets the reference drift is measured against (see ReferenceBuilder): compares its inferred schema with the model's,
    /// optionally accepts it (a definition update, refused whole on a conflict), then logs the reference so a replay sets the same bins.
    /// </summary>
    public async Task<ReferenceResult> SetReference(Immutable<ReferenceSubmission> request)
    {
        await ThrowIfCannotWriteAsync();
        await _pipeline.EnsureAppliedAsync();
        if (_applier.Schema is not { } schema)
        {
            return new ReferenceResult(ReferenceStatus.NotFound, [], null);
        }

        var r = request.Value;
        var read = await _references.ReadAsync(r, schema, _applier.Learner!);
        if (read.Errors.Count > 0 || read.Batch is null)
        {
            return new ReferenceResult(ReferenceStatus.Invalid, read.Errors, null);
        }

        var differences = SchemaComparison.Compare(schema.Definition.Features, read.Inferred!);
        if (r.Accept && await Register(ReferenceBuilder.Accept(schema.Definition, read.Inferred!)) is { Status: RegisterStatus.Conflict or RegisterStatus.Invalid } refused)
        {
            return new ReferenceResult(ReferenceStatus.Conflict, refused.Errors, null);
        }

        // The profile is binned on the schema as it stands after an accepted definition.
        var profile = ReferenceBuilder.Profile(_applier.Schema!, _applier.Monitor!.ReferenceRevision + 1, read, r.ChunkRows);
        var (sequence, durable) = _pipeline.Append(new ReferenceEntry(NowUnixMs, DriftJson.Write(profile)), []);
        await durable;
        await _pipeline.EnsureAppliedAsync();
        await TryCheckpointAsync();
        return new ReferenceResult(ReferenceStatus.Set, [], ReferenceBuilder.View(Model, profile, sequence, r.Accept, read, differences));
    }
}
