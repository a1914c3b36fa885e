using System.Net;
using System.Text.Json;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Reliability;

/// <summary>
/// What the storage-failure tests send and check, whatever broke the storage: numbered batches of labelled events, each
/// acknowledged one counted, and the answers a client sees while the storage is down.
/// </summary>
internal sealed class StorageOutage(HttpClient http, string model)
{
    public const int BatchSize = 20;

    /// <summary>Events whose batch was answered 200: exactly what the model must count.</summary>
    public long Acknowledged { get; private set; }

    public async Task RegisterAsync()
    {
        var created = await http.PutRaw($"v1/models/{model}", Definitions.Binary);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>Batch <paramref name="number"/>: 20 events with fresh ids and labels (a prequential batch), as JSON.</summary>
    public static string Batch(int number)
    {
        var events = Enumerable.Range(0, BatchSize).Select(i =>
        {
            var price = ((number * BatchSize + i) % 97) / 97.0;
            return $$"""{"id": "b{{number}}-{{i}}", "features": {"nswprice": {{price.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}, "day": "{{1 + i % 7}}"}, "label": "{{(price > 0.5 ? "UP" : "DOWN")}}"}""";
        });
        return $$"""{"events": [{{string.Join(", ", events)}}]}""";
    }

    /// <summary>Sends batch <paramref name="number"/>; counts it when it is acknowledged.</summary>
    public async Task<HttpResponseMessage> SendAsync(int number)
    {
        var response = await http.PostRaw($"v1/models/{model}/events", Batch(number));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Acknowledged += BatchSize;
        }

        return response;
    }

    /// <summary>The model's events and labels as it reports them.</summary>
    public async Task<(long Events, long Labels)> CountsAsync()
    {
        var response = await http.GetAsync($"v1/models/{model}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.Read<ModelResponse>();
        return (info.Events, info.Labels);
    }

    /// <summary>A 503 with Retry-After and a problem that names the storage and says <paramref name="why"/>.</summary>
    public static async Task AssertUnavailableAsync(HttpResponseMessage response, string why)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.True(response.Headers.RetryAfter!.Delta!.Value > TimeSpan.Zero);
        var problem = JsonSerializer.Deserialize<ProblemResponse>(body, JsonDefaults.Options)!;
        Assert.Equal(503, problem.Status);
        var error = Assert.Single(problem.Errors!);
        Assert.Equal("storage", error.Field);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A 200, or a failure that shows the answer's body.</summary>
    public static async Task AssertOkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>GET /health and its answer.</summary>
    public async Task<(HttpStatusCode Status, HealthResponse Body)> HealthAsync()
    {
        var response = await http.GetAsync("health");
        return (response.StatusCode, await response.Read<HealthResponse>());
    }
}
