using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCt.Abstractions.Ingest;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;
using OrleansCt.Storage.Catalog;

namespace OrleansCt.Hosting.Api;

/// <summary>/v1/models: register, list and read models; predict, send events and labels.</summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/models").WithTags("models");
        api.MapPut("/{model}", Register).WithSummary("Register a model, or update its bounds and flags.");
        api.MapGet("/", List).WithSummary("List the registered models.");
        api.MapGet("/{model}", Get).WithSummary("A model's definition, counters and performance.");
        api.MapPost("/{model}/predict", (string model, HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            Ingest(model, BatchKind.Predict, request, grains, ct)).WithSummary("Predict a batch of events (and log them).");
        api.MapPost("/{model}/events", (string model, HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            Ingest(model, BatchKind.Events, request, grains, ct)).WithSummary("Append a batch of events, with labels where known, to the model's log.");
        api.MapPost("/{model}/labels", Labels).WithSummary("Send labels for earlier events, joined by event id.");
        api.MapGet("/{model}/stats", Stats).WithSummary("Feature, prediction and label summaries and metrics over a window (all, 24h, 10000e).");
        api.MapPost("/{model}/retention", Retention).WithSummary("Enforce log retention now; says what was dropped.");
        return api;
    }

    private static async Task<IResult> Register(string model, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var (body, refusedBody) = await RequestBody.ReadJsonAsync(request, ct);
        if (refusedBody is not null)
        {
            return refusedBody;
        }

        if (RequestBody.ParseJson<ModelDefinition>(body, out var refused) is not { } definition)
        {
            return refused ?? Problems.Invalid("body", "must be a model definition object");
        }

        var result = await grains.GetGrain<IModelGrain>(model).Register(definition);
        return result.Status switch
        {
            RegisterStatus.Invalid => Problems.Invalid(result.Errors),
            RegisterStatus.Conflict => Problems.Of(409, "The update would change what the model has learned; nothing was changed.", result.Errors),
            RegisterStatus.Created => Results.Json(result.Definition, Json.Options, statusCode: 201),
            _ => Results.Json(result.Definition, Json.Options),
        };
    }

    private static async Task<IResult> List(IModelCatalog catalog, CancellationToken ct)
    {
        var entries = await catalog.ListAsync(ct);
        var items = entries.Select(e => new ModelListItem(e.Model, JsonSerializer.Deserialize<ModelDefinition>(e.DefinitionJson, Json.Options)!));
        return Results.Json(new ModelListResponse([.. items]), Json.Options);
    }

    private static async Task<IResult> Get(string model, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        if (await grains.GetGrain<IModelGrain>(model).GetInfo() is not { } info)
        {
            return Problems.NotFound(model);
        }

        var d = info.Definition;
        var p = info.Performance;
        return Results.Json(
            new ModelResponse
            {
                Name = info.Model, Task = d.Task, Target = d.Target, Classes = d.Classes, PositiveClass = d.PositiveClass,
                Features = d.Features, Learner = d.Learner, Monitoring = d.Monitoring, Validation = d.Validation, Champion = info.Champion, Events = info.Events, Labels = info.Labels,
                UnmatchedLabels = info.UnmatchedLabels, LearnerUpdates = info.LearnerUpdates, LastSequence = info.LastSequence,
                CheckpointSequence = info.CheckpointSequence, Performance = Performance(p.Labelled, p.Accuracy, p.Mae, p.Rmse),
                Snapshot = new SnapshotView(info.SnapshotSequence, info.SnapshotDigest),
                Retention = new RetentionView(info.Retention.Entries, info.Retention.Events, info.Retention.Bytes, info.Retention.FirstRetainedSequence),
            },
            Json.Options);
    }

    // Error sums saturate at +∞ after extreme labels (docs/architecture.md, "Extreme values"): the JSON writer refuses infinities, so
    // such a value is left out and named rather than failing the whole answer.
    private static PerformanceView Performance(long labelled, double? accuracy, double? mae, double? rmse)
    {
        List<string>? outOfRange = null;
        double? Finite(double? value, string name)
        {
            if (value is not { } v || double.IsFinite(v))
            {
                return value;
            }

            (outOfRange ??= []).Add(name);
            return null;
        }

        return new PerformanceView(labelled, Finite(accuracy, "accuracy"), Finite(mae, "mae"), Finite(rmse, "rmse")) { OutOfRange = outOfRange };
    }

    private static async Task<IResult> Ingest(string model, BatchKind kind, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var (body, refusedBody) = await RequestBody.ReadJsonAsync(request, ct);
        if (refusedBody is not null)
        {
            return refusedBody;
        }

        var result = await grains.GetGrain<IIngestGrain>(0).Ingest(model, kind, new(body));
        return result.Status switch
        {
            IngestStatus.Ok => Results.Json(PredictionViews.From(result), Json.Options),
            IngestStatus.NotFound => Problems.NotFound(model),
            IngestStatus.TooLarge => Problems.TooLarge(result.Errors),
            _ => Problems.Invalid(result.Errors),
        };
    }

    private static async Task<IResult> Labels(string model, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var (body, refusedBody) = await RequestBody.ReadJsonAsync(request, ct);
        if (refusedBody is not null)
        {
            return refusedBody;
        }

        var result = await grains.GetGrain<IIngestGrain>(0).IngestLabels(model, new(body));
        return result.Status switch
        {
            IngestStatus.Ok => Results.Json(
                new LabelsResponse(result.Result!.Accepted, result.Result.Joined, result.Result.Unmatched, result.Result.Duplicates), Json.Options),
            IngestStatus.NotFound => Problems.NotFound(model),
            IngestStatus.TooLarge => Problems.TooLarge(result.Errors),
            _ => Problems.Invalid(result.Errors),
        };
    }

    private static async Task<IResult> Stats(string model, string? window, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var result = await grains.GetGrain<IModelGrain>(model).GetStats(window ?? "all");
        return result.Status switch
        {
            ReadStatus.NotFound => Problems.NotFound(model),
            ReadStatus.Invalid => Problems.Invalid(result.Errors),
            _ => Json.Answer(result.Stats!),
        };
    }

    private static async Task<IResult> Retention(string model, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var owner = grains.GetGrain<IModelGrain>(model);
        if (await owner.GetInfo() is null)
        {
            return Problems.NotFound(model);
        }

        return Results.Json(await owner.EnforceRetention(), Json.Options);
    }
}
