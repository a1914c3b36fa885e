using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansCt.Abstractions.Storage;

namespace OrleansCt.Hosting.Api;

/// <summary>
/// Any request that met a storage failure — however deep, across grain calls — answers 503 with Retry-After and a problem naming
/// <c>storage</c>: nothing of it was stored, and the same request succeeds once the storage is back.
/// </summary>
internal sealed partial class StorageUnavailableHandler(ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client waits before retrying while the storage is down.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StorageUnavailableException.In(exception) is not { } unavailable)
        {
            return false;
        }

        LogUnavailable(httpContext.Request.Method, httpContext.Request.Path, unavailable.Message);
        httpContext.Response.Headers.RetryAfter = (unavailable.Reloading ? 1 : RetryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = Problems.Of(
            StatusCodes.Status503ServiceUnavailable,
            "The storage is unavailable; nothing was stored. Retry after the time in Retry-After.",
            [new FieldError("storage", unavailable.Message)]);
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered 503: {Reason}")]
    private partial void LogUnavailable(string method, string path, string reason);
}
