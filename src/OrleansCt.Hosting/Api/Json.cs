using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrleansCt.Hosting.Api;

/// <summary>The JSON options of every answer.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options => JsonDefaults.Options;

    /// <summary>A 200 answer of a contract in the one convention, with the content type the service has always sent for it.</summary>
    public static IResult Answer<T>(T value) => Results.Json(value, Options, "application/json");
}
