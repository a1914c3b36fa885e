using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Registry;
using OrleansCt.Core.Registry;
using OrleansCt.Core.Validation;

namespace OrleansCt.Hosting.Api;

/// <summary>/v1/models/{model}/versions and aliases: the registry, read.</summary>
public static class VersionsApi
{
    public static RouteGroupBuilder MapVersionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/models/{model}").WithTags("versions");
        api.MapGet("/versions", List).WithSummary("Every version of the model, with lineage and aliases, and every alias move.");
        api.MapGet("/versions/{version}", Get).WithSummary("One version.");
        api.MapPut("/versions/{version}/tags", SetTags).WithSummary("Replace a version's tags ({\"tags\": {\"owner\": \"risk\"}}).");
        api.MapGet("/aliases/{alias}", ByAlias).WithSummary("The version holding an alias (champion, challenger).");
        return api;
    }

    private static async Task<IResult> List(string model, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        return await ReadAsync(model, grains) is { } list ? Results.Json(list, Json.Options) : Problems.NotFound(model);
    }

    private static async Task<IResult> Get(string model, string version, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        if (await ReadAsync(model, grains) is not { } list)
        {
            return Problems.NotFound(model);
        }

        return list.Versions.FirstOrDefault(v => v.Version == version) is { } found
            ? Results.Json(found, Json.Options)
            : Problems.Of(404, "Unknown version.", [new FieldError("version", $"'{Clip(version)}' is not a version of '{model}' (versions 1 to {list.Versions.Count})")]);
    }

    private static async Task<IResult> ByAlias(string model, string alias, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        if (!Aliases.IsKnown(alias))
        {
            return Problems.Invalid("alias", $"'{Clip(alias)}' is not an alias: use {string.Join(" or ", Aliases.All)}");
        }

        if (await ReadAsync(model, grains) is not { } list)
        {
            return Problems.NotFound(model);
        }

        return list.Versions.FirstOrDefault(v => v.Aliases.Contains(alias)) is { } holder
            ? Results.Json(holder, Json.Options)
            : Problems.Of(404, "No version holds this alias.", [new FieldError("alias", $"no version of '{model}' is {alias} now")]);
    }

    private static async Task<IResult> SetTags(string model, string version, HttpRequest request, IGrainFactory grains, CancellationToken ct)
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

        if (RequestBody.ParseJson<TagsRequest>(body, out var refused)?.Tags is not { } map)
        {
            return refused ?? Problems.Invalid("tags", "must be an object of names to strings");
        }

        var result = await grains.GetGrain<IRegistryGrain>(model).SetTags(version, new Dictionary<string, string>(map, StringComparer.Ordinal));
        return result.Status switch
        {
            ReadStatus.Ok => Results.Json(result.Version, Json.Options),
            ReadStatus.NotFound => Problems.Of(404, "Unknown model or version.", result.Errors),
            _ => Problems.Invalid(result.Errors),
        };
    }

    private static Task<VersionListResponse?> ReadAsync(string model, IGrainFactory grains) => grains.GetGrain<IRegistryGrain>(model).List();

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
