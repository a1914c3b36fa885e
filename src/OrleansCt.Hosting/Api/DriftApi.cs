using System.Globalization;
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

    // Query parameters are bound as text and read here, so a bad one gets a problem naming it, not an empty 400.
    private static async Task<IResult> Reference(string model, string? accept, string? chunkRows, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var errors = new List<FieldError>();
        var accepted = QueryParameter.Flag(accept, "accept", errors);
        var rows = QueryParameter.PositiveCount(chunkRows, "chunkRows", "rows", BatchLimits.MaxChunkRows, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var csv = RequestBody.IsCsv(request);
        if (!csv && !RequestBody.IsJson(request))
        {
            return RequestBody.UnsupportedType(request, "text/csv (rows) or application/json ({\"from\", \"to\"}), charset utf-8 if any");
        }

        var (body, refused) = csv ? await RequestBody.ReadCsvAsync(request, ct) : (await RequestBody.ReadAsync(request, ct), null);
        if (refused is not null)
        {
            return Problems.Invalid([refused]);
        }

        if (body is null)
        {
            return RequestBody.TooLarge();
        }

        ReferenceSubmission reference;
        if (csv)
        {
            reference = new ReferenceSubmission(body, null, null, accepted, rows);
        }
        else if (ReadRange(body, out var from, out var to) is { } problem)
        {
            return Problems.Invalid([problem]);
        }
        else
        {
            reference = new ReferenceSubmission(null, from, to, accepted, rows);
        }

        var result = await grains.GetGrain<IModelGrain>(model).SetReference(new Orleans.Concurrency.Immutable<ReferenceSubmission>(reference));
        return result.Status switch
        {
            ReferenceStatus.NotFound => Problems.NotFound(model),
            ReferenceStatus.Invalid => Problems.Invalid(result.Errors),
            ReferenceStatus.Conflict => Problems.Of(409, "The inferred schema cannot be accepted: it would change what the model has learned; nothing was changed.", result.Errors),
            _ => Json.Answer(result.Reference!),
        };
    }

    private static FieldError? ReadRange(byte[] body, out double from, out double to)
    {
        (from, to) = (0, 0);
        if (JsonPreflight.Check(body) is { } refused)
        {
            return refused;
        }

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

    private static async Task<IResult> Drift(string model, string? window, string? from, string? to, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var errors = new List<FieldError>();
        if (!WindowParameter.TryRead(window, out var seconds, out var problem))
        {
            errors.Add(new FieldError("window", problem!));
        }

        var (start, end) = (QueryParameter.Time(from, "from", errors), QueryParameter.Time(to, "to", errors));
        if (start > end)
        {
            errors.Add(new FieldError("to", $"must not be before from ({start.Value.ToString(CultureInfo.InvariantCulture)} s)"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var result = await grains.GetGrain<IModelGrain>(model).GetDrift(seconds, start, end);
        return result.Status == ReadStatus.NotFound ? Problems.NotFound(model) : Json.Answer(result.Drift!);
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

        return Json.Answer(await grains.GetGrain<IAlertGrain>(model).List(state));
    }

    private static async Task<IResult> Act(string model, HttpRequest request, IGrainFactory grains, bool acknowledge, CancellationToken ct)
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

        if (AlertAction.Read(body, out var errors) is not { } action)
        {
            return Problems.Invalid(errors);
        }

        var alerts = grains.GetGrain<IAlertGrain>(model);
        var reply = acknowledge ? await alerts.Acknowledge(action.Id, action.By, action.Comment) : await alerts.Resolve(action.Id, action.By);
        return reply.Status switch
        {
            AlertActionStatus.Done => Json.Answer(reply.Alert!),
            AlertActionStatus.NotFound => Problems.Of(404, $"Model '{model}' has no alert '{action.Id}'.", [new FieldError("id", reply.Error ?? "is not an alert of this model")]),
            AlertActionStatus.Conflict => Problems.Of(409, "The alert cannot move that way.", [new FieldError("id", reply.Error ?? "conflict")]),
            _ => Problems.Invalid("body", reply.Error ?? "is not valid"),
        };
    }
}
