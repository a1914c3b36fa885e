using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Validation;

namespace OrleansCt.Hosting.Api;

/// <summary>/v1/models/{model}/policy: the continuous-training policy, set (logged as a control entry) and read.</summary>
public static class PolicyApi
{
    public static RouteGroupBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/models/{model}").WithTags("policy");
        api.MapPut("/policy", Set).WithSummary("Set the policy ({\"use\": \"default\"} or the policy written out); ?by=&reason= say who and why.");
        api.MapGet("/policy", Get).WithSummary("The policy in force, written out in full, with the log sequence that set it.");
        return api;
    }

    private static async Task<IResult> Set(string model, HttpRequest request, IGrainFactory grains, CancellationToken ct)
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

        if (RequestBody.ParseJson<PolicySpec>(body, out var refused) is not { } spec)
        {
            return refused ?? Problems.Invalid("body", "must be a policy object, e.g. {\"use\": \"default\"}");
        }

        var by = request.Query["by"] is { Count: > 0 } who ? who[0]! : "api";
        var reason = request.Query["reason"] is { Count: > 0 } why ? why[0] : null;
        return Answer(model, await grains.GetGrain<IModelGrain>(model).SetPolicy(spec, by, reason));
    }

    private static async Task<IResult> Get(string model, IGrainFactory grains) =>
        ModelName.Check(model) is { } nameError ? Problems.Invalid([nameError]) : Answer(model, await grains.GetGrain<IModelGrain>(model).GetPolicy());

    private static IResult Answer(string model, PolicyResult result) => result.Status switch
    {
        ReadStatus.Ok => Results.Json(result.Policy, Json.Options),
        ReadStatus.NotFound => Problems.NotFound(model),
        _ => Problems.Invalid(result.Errors),
    };
}
