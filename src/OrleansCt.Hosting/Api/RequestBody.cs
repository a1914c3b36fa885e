using Microsoft.AspNetCore.Http;

namespace OrleansCt.Hosting.Api;

/// <summary>Reads a request body whole, refusing bodies above a limit before reading them.</summary>
internal static class RequestBody
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.Length > MaxBytes ? null : buffer.ToArray();
    }

    public static IResult TooLarge() =>
        Problems.TooLarge([new FieldError("body", $"is larger than {MaxBytes / (1024 * 1024)} MB")]);
}
