using System.Diagnostics;
using System.Net.Http.Headers;

namespace OrleansCt.Benchmarks;

/// <summary>Posts one renumbered batch body and times it: the request step of every HTTP load loop.</summary>
public static class BatchPoster
{
    /// <summary>The latency in ms of a successful POST, or null with the failure's status and body.</summary>
    public static async Task<(double? Milliseconds, string? Failure)> PostAsync(HttpClient http, string url, BatchBody body, long batch, Stopwatch clock)
    {
        body.SetBatch(batch);
        using var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var started = clock.Elapsed.TotalMilliseconds;
        using var response = await http.PostAsync(url, content);
        var answer = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? (clock.Elapsed.TotalMilliseconds - started, null)
            : (null, $"POST {http.BaseAddress}{url}: {(int)response.StatusCode} {answer}");
    }
}
