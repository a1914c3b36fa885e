using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Training;
using OrleansCt.Core.Validation;

namespace OrleansCt.Hosting.Api;

/// <summary>/v1/models/{model}/retrain and /retrains: retrains on demand, and every retrain's record.</summary>
public static class RetrainsApi
{
    /// <summary>The longest a GET of one retrain waits for its decision (?wait=seconds).</summary>
    public const int MaxWaitSeconds = 120;

    public static RouteGroupBuilder MapRetrainsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/models/{model}").WithTags("retrains");
        api.MapPost("/retrain", Retrain).WithSummary("Retrain now (202 with the retrain's id): optional reason, by, trainer, options, seed, kind, rows, gate.");
        api.MapGet("/retrains", List).WithSummary("Every retrain: requested, training, validating, promoted, rejected or failed, with reasons and costs.");
        api.MapGet("/retrains/{id}", Get).WithSummary("One retrain; ?wait=seconds waits for its decision (at most 120).");
        api.MapPost("/retrains/{id}/cancel", Cancel).WithSummary("Cancel a retrain that is not decided yet.");
        return api;
    }

    private static async Task<IResult> Retrain(string model, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var body = new RetrainRequest();
        if (request.ContentLength is not 0 && (request.ContentLength is not null || request.ContentType is not null))
        {
            var (bytes, refusedBody) = await RequestBody.ReadJsonAsync(request, ct);
            if (refusedBody is not null)
            {
                return refusedBody;
            }

            if (bytes.Length > 0)
            {
                body = RequestBody.ParseJson<RetrainRequest>(bytes, out var refused);
                if (body is null)
                {
                    return refused ?? Problems.Invalid("body", "must be a JSON object");
                }
            }
        }

        var result = await grains.GetGrain<ICoordinatorGrain>(model).Retrain(body, "demand");
        return result.Status switch
        {
            // The policy's budget stopped it (on-demand retrains skip the cooldown and the minimum of new labels, not the budget): 429,
            // with the record of the stop, its guard and numbers.
            ReadStatus.Ok => new Located(Results.Json(result.Retrain, Json.Options, statusCode: result.Retrain!.State == "stopped" ? 429 : 202), $"/v1/models/{model}/retrains/{result.Retrain.Id}"),
            ReadStatus.NotFound => Problems.NotFound(model),
            _ => Problems.Invalid(result.Errors),
        };
    }

    private static async Task<IResult> List(string model, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        return await grains.GetGrain<ICoordinatorGrain>(model).List() is { } list ? Results.Json(list, Json.Options) : Problems.NotFound(model);
    }

    private static async Task<IResult> Get(string model, string id, HttpRequest request, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var wait = 0;
        if (request.Query["wait"] is { Count: > 0 } text && (!int.TryParse(text[0], out wait) || wait < 0 || wait > MaxWaitSeconds))
        {
            return Problems.Invalid("wait", $"must be a whole number of seconds from 0 to {MaxWaitSeconds}, not '{text[0]}'");
        }

        var view = await grains.GetGrain<ICoordinatorGrain>(model).Await(id, TimeSpan.FromSeconds(wait));
        return view is not null ? Results.Json(view, Json.Options) : await UnknownAsync(model, id, grains);
    }

    private static async Task<IResult> Cancel(string model, string id, HttpRequest request, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var by = request.Query["by"] is { Count: > 0 } who ? who[0]! : "api";
        var view = await grains.GetGrain<ICoordinatorGrain>(model).Cancel(id, by);
        return view is not null ? Results.Json(view, Json.Options) : await UnknownAsync(model, id, grains);
    }

    private static async Task<IResult> UnknownAsync(string model, string id, IGrainFactory grains) =>
        await grains.GetGrain<ICoordinatorGrain>(model).List() is null
            ? Problems.NotFound(model)
            : Problems.Of(404, "Unknown retrain.", [new FieldError("id", $"'{(id.Length <= 40 ? id : id[..40] + "…")}' is not a retrain of '{model}'")]);

    /// <summary>A result with a Location header.</summary>
    private sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
