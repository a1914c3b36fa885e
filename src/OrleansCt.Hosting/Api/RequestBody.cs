using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OrleansCt.Core.SchemaInference;
using OrleansCt.Core.Validation;

namespace OrleansCt.Hosting.Api;

/// <summary>Reads a request body whole, refusing a body above <see cref="MaxBytes"/> (however it is sent) and a content type the endpoint does not read.</summary>
internal static class RequestBody
{
    /// <summary>The one body limit of the API. Kestrel's own limit sits above it (see <see cref="KestrelBackstopBytes"/>) so this one answers, with a problem.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Kestrel's limit: room to drain what a client still sends after our 413, and a bound for anything not read through here.</summary>
    public const long KestrelBackstopBytes = 2 * MaxBytes;

    private const int ChunkBytes = 64 * 1024;

    /// <summary>The body, or null when it holds more than <see cref="MaxBytes"/>; a chunked body is read only up to the limit.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await ReadAsync(request, null, cancellationToken)).Body;

    /// <summary>
    /// A reference CSV: the body, or the problem of a cell or row that passes a limit (<see cref="ReferenceCsvPreflight"/>), found as the
    /// bytes arrive so that the rest is not read; both null when the body holds more than <see cref="MaxBytes"/>.
    /// </summary>
    public static Task<(byte[]? Body, FieldError? Refused)> ReadCsvAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadAsync(request, new ReferenceCsvPreflight(), cancellationToken);

    private static async Task<(byte[]? Body, FieldError? Refused)> ReadAsync(HttpRequest request, ReferenceCsvPreflight? csv, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, null);
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, null);
                }

                if (csv?.Add(chunk.AsSpan(0, read)) is { } refused)
                {
                    return (null, refused);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>
    /// A JSON body, or the problem that refuses it (the body then empty): a content type that is not JSON (415), a body over
    /// <see cref="MaxBytes"/> (413).
    /// </summary>
    public static async Task<(byte[] Body, IResult? Refused)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (RequireJson(request) is { } unsupported)
        {
            return ([], unsupported);
        }

        return await ReadAsync(request, cancellationToken) is { } body ? (body, null) : ([], TooLarge());
    }

    /// <summary>
    /// <paramref name="body"/> as a <typeparamref name="T"/> once it passed <see cref="JsonPreflight"/>; otherwise null and the 400
    /// naming the field (a JSON null is <c>body</c>).
    /// </summary>
    public static T? ParseJson<T>(byte[] body, out IResult? refused)
        where T : class
    {
        refused = null;
        if (JsonPreflight.Check(body) is { } error)
        {
            refused = Problems.Invalid([error]);
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<T>(body, Json.Options);
        }
        catch (System.Text.Json.JsonException e)
        {
            refused = Problems.Invalid(JsonField(e.Path), e.Message);
            return null;
        }
    }

    /// <summary>A System.Text.Json path ("$.features[0].name") as the field a problem names ("features[0].name"; the root is "body").</summary>
    public static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    public static IResult TooLarge() =>
        Problems.TooLarge([new FieldError("body", $"is larger than {MaxBytes / (1024 * 1024)} MB ({MaxBytes} bytes), the limit of a request body")]);

    /// <summary>True for application/json or a +json type, in UTF-8 (no charset, or charset=utf-8).</summary>
    public static bool IsJson(HttpRequest request) =>
        Parse(request) is { } type && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for text/csv in UTF-8 (no charset, or charset=utf-8).</summary>
    public static bool IsCsv(HttpRequest request) =>
        Parse(request) is { } type && type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>A 415 naming the content type, unless the request's is one this endpoint reads.</summary>
    public static IResult? RequireJson(HttpRequest request) =>
        IsJson(request) ? null : UnsupportedType(request, "application/json (charset utf-8, if any)");

    public static IResult UnsupportedType(HttpRequest request, string expected) =>
        Problems.Of(
            StatusCodes.Status415UnsupportedMediaType,
            "The body's content type is not one this endpoint reads; nothing was stored.",
            [new FieldError("Content-Type", $"'{request.ContentType ?? "(none)"}' is not accepted here; send {expected}")]);

    private static MediaTypeHeaderValue? Parse(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return null;
        }

        var charset = type.Charset;
        return charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase) ? null : type;
    }
}
