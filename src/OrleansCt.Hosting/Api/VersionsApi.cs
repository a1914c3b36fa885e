using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Registry;
using OrleansCt.Abstractions.Training;
using OrleansCt.Storage.Artifacts;
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
        api.MapPost("/versions", Upload).WithSummary("Register an ML.NET zip trained elsewhere (body: the zip, application/zip); ?reason=&by=.");
        api.MapGet("/versions/{version}/artifact", Artifact).WithSummary("Download a version's ML.NET zip.");
        api.MapPost("/versions/{version}/reproduce", Reproduce).WithSummary("Train the version again from the log with its recorded settings and compare predictions.");
        api.MapPost("/versions/{version}/promote", Promote).WithSummary("Make the version champion now ({\"reason\": …, \"by\": …}).");
        api.MapPost("/rollback", Rollback).WithSummary("Make the previous champion (or {\"to\": version}) champion again ({\"reason\": …, \"by\": …}).");
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

    private static async Task<IResult> Upload(string model, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        if (request.ContentType is { } type && !type.StartsWith("application/zip", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return RequestBody.UnsupportedType(request, "application/zip");
        }

        if (await RequestBody.ReadAsync(request, ct) is not { } zip)
        {
            return RequestBody.TooLarge();
        }

        if (zip.Length == 0)
        {
            return Problems.Invalid("artifact", "the body is empty; send the ML.NET model zip as the body (Content-Type: application/zip)");
        }

        var result = await grains.GetGrain<ICoordinatorGrain>(model).Upload(new(zip), Query(request, "reason"), Query(request, "by"));
        return result.Status switch
        {
            ReadStatus.Ok => Results.Json(result.Version, Json.Options, statusCode: 201),
            ReadStatus.NotFound => Problems.NotFound(model),
            _ => Problems.Of(422, "The model zip fails the infrastructure check; nothing was stored.", result.Errors),
        };
    }

    private static async Task<IResult> Artifact(string model, string version, IGrainFactory grains, IArtifactStore artifacts, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        if (await grains.GetGrain<IRegistryGrain>(model).Get(version) is not { } found)
        {
            return await UnknownAsync(model, version, grains);
        }

        if (found.ArtifactSha256 is not { } sha)
        {
            return Problems.Of(404, "No artifact.", [new FieldError("version", $"version {version} is the online learner; it has snapshots, not a zip")]);
        }

        if (found.ArtifactDropped || await artifacts.GetAsync(model, sha, ct) is not { } stored)
        {
            return Problems.Of(410, "Artifact dropped.", [new FieldError("version", $"version {version}'s artifact was dropped by artifact retention; its record stays")]);
        }

        return Results.File(stored.Content, "application/zip", $"{model}-{version}.zip");
    }

    private static async Task<IResult> Reproduce(string model, string version, IGrainFactory grains)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var result = await grains.GetGrain<ICoordinatorGrain>(model).Reproduce(version);
        return result.Status switch
        {
            ReproduceStatus.Ok => Results.Json(result.Reproduction, Json.Options),
            ReproduceStatus.NotFound => Problems.Of(404, "Unknown model or version.", result.Errors),
            ReproduceStatus.Gone => Problems.Of(409, "The rows are gone.", result.Errors),
            _ => Problems.Invalid(result.Errors),
        };
    }

    private static async Task<IResult> Promote(string model, string version, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var body = new PromoteRequest();
        if (request.ContentLength is > 0)
        {
            var (bytes, refusedBody) = await RequestBody.ReadJsonAsync(request, ct);
            if (refusedBody is not null)
            {
                return refusedBody;
            }

            if (RequestBody.ParseJson<PromoteRequest>(bytes, out var refused) is not { } parsed)
            {
                return refused ?? Problems.Invalid("body", "must be a JSON object");
            }

            body = parsed;
        }

        var result = await grains.GetGrain<IRegistryGrain>(model).Promote(version, body.Reason ?? "promoted by hand", body.By ?? "api", body.SwitchReference ?? false);
        return result.Status switch
        {
            ReadStatus.Ok => Results.Json(result.Move, Json.Options),
            ReadStatus.NotFound => Problems.Of(404, "Unknown model or version.", result.Errors),
            _ => Problems.Of(409, "The version cannot be promoted.", result.Errors),
        };
    }

    private static async Task<IResult> Rollback(string model, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (ModelName.Check(model) is { } nameError)
        {
            return Problems.Invalid([nameError]);
        }

        var body = new RollbackRequest();
        if (request.ContentLength is > 0)
        {
            var (bytes, refusedBody) = await RequestBody.ReadJsonAsync(request, ct);
            if (refusedBody is not null)
            {
                return refusedBody;
            }

            if (RequestBody.ParseJson<RollbackRequest>(bytes, out var refused) is not { } parsed)
            {
                return refused ?? Problems.Invalid("body", "must be a JSON object");
            }

            body = parsed;
        }

        if (body.Reason is { Length: > 500 } || body.By is { Length: > 200 } || body.To is { Length: > 200 })
        {
            return Problems.Invalid(body.Reason is { Length: > 500 } ? "reason" : body.By is { Length: > 200 } ? "by" : "to", "is too long (reason: 500 characters, by and to: 200)");
        }

        var result = await grains.GetGrain<IRegistryGrain>(model).Rollback(body.To, body.Reason ?? "rolled back by hand", body.By ?? "api");
        return result.Status switch
        {
            ReadStatus.Ok => Results.Json(result.Move, Json.Options),
            ReadStatus.NotFound => Problems.Of(404, "Unknown model or version.", result.Errors),
            _ => Problems.Of(409, "The champion cannot be rolled back there.", result.Errors),
        };
    }

    private static string? Query(HttpRequest request, string name) =>
        request.Query[name] is { Count: > 0 } values && values[0] is { Length: > 0 and <= 500 } value ? value : null;

    private static async Task<IResult> UnknownAsync(string model, string version, IGrainFactory grains) =>
        await ReadAsync(model, grains) is not { } list
            ? Problems.NotFound(model)
            : Problems.Of(404, "Unknown version.", [new FieldError("version", $"'{Clip(version)}' is not a version of '{model}' (versions 1 to {list.Versions.Count})")]);

    private static Task<VersionListResponse?> ReadAsync(string model, IGrainFactory grains) => grains.GetGrain<IRegistryGrain>(model).List();

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
