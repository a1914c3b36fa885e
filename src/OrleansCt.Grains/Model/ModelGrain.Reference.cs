using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Events;
using OrleansCt.Core.SchemaInference;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    /// <summary>
    /// Sets the reference drift is measured against, from CSV rows or from the model's events of an event-time range:
    /// infers its schema and compares it with the model's, optionally accepts the inferred bounds and optionality (a
    /// definition update, refused whole on a conflict), then logs the reference so a replay sets the same bins.
    /// </summary>
    public async Task<ReferenceResult> SetReference(Immutable<ReferenceSubmission> request)
    {
        await _pipeline.EnsureAppliedAsync();
        if (_applier.Schema is not { } schema)
        {
            return new ReferenceResult(ReferenceStatus.NotFound, [], null);
        }

        var r = request.Value;
        var (batch, scores, inferred, source, errors) = r.Csv is { } csv ? FromCsv(csv, schema)
            : r.From is { } from && r.To is { } to && to > from ? await FromEventsAsync(schema, from, to)
            : (null, null, null, "", [new FieldError("body", "give the reference as CSV (Content-Type: text/csv) or as JSON {\"from\": time, \"to\": time} with from < to")]);
        if (errors.Count > 0 || batch is null)
        {
            return new ReferenceResult(ReferenceStatus.Invalid, errors, null);
        }

        var differences = SchemaComparison.Compare(schema.Definition.Features, inferred!);
        if (r.Accept)
        {
            var accepted = await Register(schema.Definition with { Features = [.. schema.Definition.Features.Select(f => Accept(f, inferred!))] });
            if (accepted.Status is RegisterStatus.Conflict or RegisterStatus.Invalid)
            {
                return new ReferenceResult(ReferenceStatus.Conflict, accepted.Errors, null);
            }
        }

        var profile = ReferenceProfiler.FromColumns(_applier.Schema!, _applier.Monitor!.ReferenceRevision + 1, source, batch.Numeric, batch.Categorical, scores, batch.Labels);
        profile = ChunkThresholds.Add(profile, batch.Numeric, batch.Categorical, r.ChunkRows ?? ChunkThresholds.DefaultRows(batch.Times, _applier.Schema!.Definition.Monitoring), _applier.Schema!.Definition.Monitoring.Drift);
        var entry = new ReferenceEntry(NowUnixMs, DriftJson.Write(profile));
        var (sequence, durable) = _pipeline.Append(entry, []);
        await durable;
        await _pipeline.EnsureAppliedAsync();
        await CheckpointAsync();
        var view = new ReferenceResponse(Model, profile.Revision, source, profile.Rows, sequence, r.Accept, inferred!, differences,
            profile.Features.Select(c => new ReferenceColumnView(c.Name, c.Categorical, c.Rows, c.MissingShare, c.Distinct, c.Histogram.Counts.Length, c.ChunkThreshold)).ToArray());
        return new ReferenceResult(ReferenceStatus.Set, [], view);
    }

    /// <summary>A declared feature with the reference's range and optionality; its name, type and categories stay.</summary>
    private static FeatureSpec Accept(FeatureSpec declared, InferredSchema inferred) =>
        (new[] { declared.Name }.Concat(declared.Aliases ?? []).Select(inferred.Find).FirstOrDefault(f => f is not null)) is { } found
            ? declared with { Min = found.Spec.Min, Max = found.Spec.Max, Required = found.Spec.Required }
            : declared;

    private (EventBatch?, double[]?, InferredSchema?, string, IReadOnlyList<FieldError>) FromCsv(byte[] csv, ModelSchema schema)
    {
        ReferenceColumns columns;
        try
        {
            columns = ReferenceColumns.ReadCsv(new MemoryStream(csv));
        }
        catch (ReferenceFormatException e)
        {
            return (null, null, null, "csv", [new FieldError("body", e.Message)]);
        }

        var read = ReferenceBatch.Read(columns, schema);
        if (!read.Ok)
        {
            return (null, null, null, "csv", read.Errors);
        }

        var options = new SchemaInferenceOptions
        {
            Exclude = [schema.Definition.Target, "id", "time"],
            ForceCategorical = [.. schema.Categorical.SelectMany(f => new[] { f.Name }.Concat(f.Aliases ?? [])).Where(columns.Names.Contains)],
        };
        // Predictions of a learner that has not learned yet say nothing about the ones it will serve: no prediction reference then.
        var scores = _applier.Learner!.Updates > 0 ? Scores(schema, _applier.Learner.PredictAll(read.Value!)) : null;
        return (read.Value, scores, SchemaInferrer.Infer(columns, options), "csv", []);
    }

    private async Task<(EventBatch?, double[]?, InferredSchema?, string, IReadOnlyList<FieldError>)> FromEventsAsync(ModelSchema schema, double from, double to)
    {
        var rows = new EventRangeRows(schema.Numeric.Count, schema.Categorical.Count, schema.IsClassification ? schema.PositiveClassIndex : 0, from, to);
        await foreach (var (_, entry) in _log.ReadAfterAsync(0))
        {
            if (entry is EventsEntry events)
            {
                rows.Add(events.Batch, events.Predictions);
            }
        }

        if (rows.Count == 0)
        {
            return (null, null, null, "events", [new FieldError("from", $"the log holds no events with a time in [{from}, {to})")]);
        }

        var (batch, scores) = rows.ToBatch();
        var columns = new ReferenceColumns(schema.Numeric.Select(f => f.Name).ToList(), batch.Numeric, schema.Categorical.Select(f => f.Name).ToList(), batch.Categorical);
        return (batch, scores, SchemaInferrer.Infer(columns, new SchemaInferenceOptions()), "events", []);
    }

    private static double[] Scores(ModelSchema schema, Predictions predictions) =>
        Enumerable.Range(0, predictions.Count).Select(row => predictions.Row(row)[schema.IsClassification ? schema.PositiveClassIndex : 0]).ToArray();
}
