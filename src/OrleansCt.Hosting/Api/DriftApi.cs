using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCt.Abstractions.Alerts;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Validation;

namespace OrleansCt.Hosting.Api;

/// <summary>/v1/models/{model}: the reference, drift scores over time, and alerts with their life cycle.</summary>
public static class DriftApi
{
    public static RouteGroupBuilder MapDriftApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/models/{model}").WithTags("drift");
        api.MapPost("/reference", Reference).WithSummary("Set the reference: CSV rows (text/csv) or JSON {from, to} of logged events; ?accept=true takes the inferred ranges.");
        api.MapGet("/drift", Drift).WithSummary("Every feature's drift scores over time (?window=24h, from, to).");
        api.MapGet("/alerts", Alerts).WithSummary("The model's alerts, newest first (?state=open|acknowledged|resolved).");
        api.MapPost("/alerts/acknowledge", (string model, HttpRequest request, IGrainFactory grains, CancellationToken ct) => Act(model, request, grains, acknowledge: true, ct))
            .WithSummary("Acknowledge an alert: {id, by, comment}.");
        api.MapPost("/alerts/resolve", (string model, HttpRequest request, IGrainFactory grains, CancellationToken ct) => Act(model, request, grains, acknowledge: false, ct))
            .WithSummary("Resolve an alert by hand: {id, by}.");
        return api;
    }

    private static async Task<IResult> Reference(string model, bool? accept, int? chunkRows, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        if (chunkRows is < 1)
        {
            return Problems.Invalid("chunkRows", "must be a positive number of rows");
        }

        if (await RequestBody.ReadAsync(request, ct) is not { } body)
        {
            return RequestBody.TooLarge();
        }

        ReferenceRequest reference;
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            reference = new ReferenceRequest(body, null, null, accept == true, chunkRows);
        }
        else if (ReadRange(body, out var from, out var to) is { } problem)
        {
            return Problems.Invalid([problem]);
        }
        else
        {
            reference = new ReferenceRequest(null, from, to, accept == true, chunkRows);
        }

        var result = await grains.GetGrain<IModelGrain>(model).SetReference(new Orleans.Concurrency.Immutable<ReferenceRequest>(reference));
        return result.Status switch
        {
            "notFound" => Problems.NotFound(model),
            "invalid" => Problems.Invalid(result.Errors),
            "conflict" => Problems.Of(409, "The inferred schema cannot be accepted: it would change what the model has learned; nothing was changed.", result.Errors),
            _ => Results.Bytes(result.Json!, "application/json"),
        };
    }

    private static FieldError? ReadRange(byte[] body, out double from, out double to)
    {
        (from, to) = (0, 0);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            foreach (var (name, target) in new[] { ("from", 0), ("to", 1) })
            {
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value))
                {
                    return new FieldError(name, "is required (or send the reference as CSV with Content-Type: text/csv)");
                }

                if (!EventTime.TryRead(value, out var seconds, out var problem))
                {
                    return new FieldError(name, problem!);
                }

                (from, to) = target == 0 ? (seconds, to) : (from, seconds);
            }
        }
        catch (JsonException e)
        {
            return new FieldError("body", $"is not valid JSON: {e.Message}");
        }

        return to > from ? null : new FieldError("to", "must be after from");
    }

    private static async Task<IResult> Drift(string model, string? window, double? from, double? to, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        if (!WindowParameter.TryRead(window, out var seconds, out var problem))
        {
            return Problems.Invalid("window", problem!);
        }

        var result = await grains.GetGrain<IModelGrain>(model).GetDrift(seconds, from, to);
        return !result.Found ? Problems.NotFound(model) : Results.Bytes(result.Json!, "application/json");
    }

    private static async Task<IResult> Alerts(string model, string? state, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        if (state is not null and not ("open" or "acknowledged" or "resolved"))
        {
            return Problems.Invalid("state", $"'{state}' is not a state; use open, acknowledged or resolved");
        }

        if (await grains.GetGrain<IModelGrain>(model).GetInfo() is null)
        {
            return Problems.NotFound(model);
        }

        return Results.Bytes(await grains.GetGrain<IAlertGrain>(model).List(state), "application/json");
    }

    private static async Task<IResult> Act(string model, HttpRequest request, IGrainFactory grains, bool acknowledge, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        AlertAction? action;
        try
        {
            action = await JsonSerializer.DeserializeAsync<AlertAction>(request.Body, Json.Options, ct);
        }
        catch (JsonException e)
        {
            return Problems.Invalid("body", e.Message);
        }

        if (action is null || string.IsNullOrWhiteSpace(action.Id) || string.IsNullOrWhiteSpace(action.By))
        {
            return Problems.Invalid(string.IsNullOrWhiteSpace(action?.Id) ? "id" : "by", "is required");
        }

        var alerts = grains.GetGrain<IAlertGrain>(model);
        var reply = acknowledge ? await alerts.Acknowledge(action.Id, action.By, action.Comment) : await alerts.Resolve(action.Id, action.By);
        return reply.Status switch
        {
            "done" => Results.Bytes(reply.Alert!, "application/json"),
            "notFound" => Problems.Of(404, $"Model '{model}' has no alert '{action.Id}'.", [new FieldError("id", reply.Error ?? "is not an alert of this model")]),
            "conflict" => Problems.Of(409, "The alert cannot move that way.", [new FieldError("id", reply.Error ?? "conflict")]),
            _ => Problems.Invalid("body", reply.Error ?? "is not valid"),
        };
    }

    private sealed record AlertAction(string? Id, string? By, string? Comment);
}
