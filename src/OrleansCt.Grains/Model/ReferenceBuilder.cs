using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;
using OrleansCt.Core.SchemaInference;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>Builds a drift reference from CSV rows or from the logged events of an event-time range, and the definition that accepts its inferred schema.</summary>
internal sealed class ReferenceBuilder(ModelLog log)
{
    /// <summary>The reference a submission names: CSV rows, or the events of [from, to); an error when it names neither.</summary>
    public async Task<ReferenceSource> ReadAsync(ReferenceSubmission request, ModelSchema schema, OnlineLearner learner) =>
        request.Csv is { } csv ? FromCsv(csv, schema, learner)
        : request.From is { } from && request.To is { } to && to > from ? await FromEventsAsync(schema, from, to)
        : ReferenceSource.Invalid("", [new FieldError("body", "give the reference as CSV (Content-Type: text/csv) or as JSON {\"from\": time, \"to\": time} with from < to")]);

    /// <summary>
    /// The CSV's rows checked against the schema, their schema inferred (target, id and time excluded; the declared categorical
    /// features forced categorical) and, once <paramref name="learner"/> has learned, its scores of the rows.
    /// </summary>
    public static ReferenceSource FromCsv(byte[] csv, ModelSchema schema, OnlineLearner learner)
    {
        ReferenceColumns columns;
        try
        {
            columns = ReferenceColumns.ReadCsv(new MemoryStream(csv));
        }
        catch (ReferenceFormatException e)
        {
            return ReferenceSource.Invalid("csv", [new FieldError(e.Field, e.Message)]);
        }

        var read = ReferenceBatch.Read(columns, schema);
        if (!read.Ok)
        {
            return ReferenceSource.Invalid("csv", read.Errors);
        }

        var options = new SchemaInferenceOptions
        {
            Exclude = [schema.Definition.Target, "id", "time"],
            ForceCategorical = [.. schema.Categorical.SelectMany(f => new[] { f.Name }.Concat(f.Aliases ?? [])).Where(columns.Names.Contains)],
        };
        // Predictions of a learner that has not learned yet say nothing about the ones it will serve: no prediction reference then.
        var scores = learner.Updates > 0 ? Scores(schema, learner.PredictAll(read.Value!)) : null;
        return new ReferenceSource(read.Value, scores, SchemaInferrer.Infer(columns, options), "csv", []);
    }

    /// <summary>The logged events with a time in [<paramref name="from"/>, <paramref name="to"/>), with the scores they were answered with.</summary>
    public async Task<ReferenceSource> FromEventsAsync(ModelSchema schema, double from, double to)
    {
        var rows = new EventRangeRows(schema.Numeric.Count, schema.Categorical.Count, schema.IsClassification ? schema.PositiveClassIndex : 0, from, to);
        await foreach (var (_, entry) in log.ReadAfterAsync(0))
        {
            if (entry is EventsEntry events)
            {
                rows.Add(events.Batch, events.Predictions);
            }
        }

        if (rows.Count == 0)
        {
            return ReferenceSource.Invalid("events", [new FieldError("from", $"the log holds no events with a time in [{from}, {to})")]);
        }

        var (batch, scores) = rows.ToBatch();
        var columns = new ReferenceColumns(schema.Numeric.Select(f => f.Name).ToList(), batch.Numeric, schema.Categorical.Select(f => f.Name).ToList(), batch.Categorical);
        return new ReferenceSource(batch, scores, SchemaInferrer.Infer(columns, new SchemaInferenceOptions()), "events", []);
    }

    /// <summary>The definition with each declared feature taking the reference's range and optionality; names, types and categories stay.</summary>
    public static ModelDefinition Accept(ModelDefinition definition, InferredSchema inferred) =>
        definition with { Features = [.. definition.Features.Select(f => Accept(f, inferred))] };

    /// <summary>The reference's profile on the schema's bins, with its chunk thresholds (chunks of <paramref name="chunkRows"/>, or the default for its span).</summary>
    public static ReferenceProfile Profile(ModelSchema schema, int revision, ReferenceSource read, int? chunkRows)
    {
        var batch = read.Batch!;
        var profile = ReferenceProfiler.FromColumns(schema, revision, read.Source, batch.Numeric, batch.Categorical, read.Scores, batch.Labels);
        return ChunkThresholds.Add(profile, batch.Numeric, batch.Categorical, chunkRows ?? ChunkThresholds.DefaultRows(batch.Times, schema.Definition.Monitoring), schema.Definition.Monitoring.Drift);
    }

    /// <summary>The answer to a reference set at <paramref name="sequence"/>.</summary>
    public static ReferenceResponse View(string model, ReferenceProfile profile, long sequence, bool accepted, ReferenceSource read, IReadOnlyList<SchemaDifference> differences) =>
        new(model, profile.Revision, read.Source, profile.Rows, sequence, accepted, read.Inferred!, differences,
            profile.Features.Select(c => new ReferenceColumnView(c.Name, c.Categorical, c.Rows, c.MissingShare, c.Distinct, c.Histogram.Counts.Length, c.ChunkThreshold)).ToArray());

    private static FeatureSpec Accept(FeatureSpec declared, InferredSchema inferred) =>
        (new[] { declared.Name }.Concat(declared.Aliases ?? []).Select(inferred.Find).FirstOrDefault(f => f is not null)) is { } found
            ? declared with { Min = found.Spec.Min, Max = found.Spec.Max, Required = found.Spec.Required }
            : declared;

    private static double[] Scores(ModelSchema schema, Predictions predictions) =>
        Enumerable.Range(0, predictions.Count).Select(row => predictions.Row(row)[schema.IsClassification ? schema.PositiveClassIndex : 0]).ToArray();
}
