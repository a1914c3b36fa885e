using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCt.Storage.Faults;

namespace OrleansCt.Hosting.Api;

/// <summary>GET /health: probes the log's storage with a write (never a cached answer) and says what it found.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health).WithTags("health").WithSummary("200 when the storage takes writes, 503 (with what failed) when it does not.");
        return app;
    }

    private static async Task<IResult> Health(StorageHealth health)
    {
        var status = await health.CheckAsync(TimeSpan.Zero);
        var storage = new StorageHealthView(status.Storage, status.Ok ? "ok" : "failing", status.Problem?.ToString().ToLowerInvariant(), status.Detail, status.CheckedAt);
        return Results.Json(new HealthResponse(storage.Status, storage), Json.Options, statusCode: status.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
