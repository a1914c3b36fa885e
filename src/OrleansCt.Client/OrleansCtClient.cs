using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansCt.Client;

/// <summary>The .NET client of the OrleansCt HTTP API: models, predictions, events and labels, with retries.</summary>
public sealed class OrleansCtClient(HttpClient http, ClientOptions? options = null)
{
    public ClientOptions Options { get; } = options ?? new ClientOptions();

    public Task<ModelDefinition> RegisterModelAsync(string model, ModelDefinition definition, CancellationToken cancellationToken = default) =>
        SendAsync<ModelDefinition>(HttpMethod.Put, $"v1/models/{Uri.EscapeDataString(model)}", definition, cancellationToken);

    public Task<ModelResponse> GetModelAsync(string model, CancellationToken cancellationToken = default) =>
        SendAsync<ModelResponse>(HttpMethod.Get, $"v1/models/{Uri.EscapeDataString(model)}", null, cancellationToken);

    public Task<ModelListResponse> ListModelsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ModelListResponse>(HttpMethod.Get, "v1/models", null, cancellationToken);

    public Task<PredictResponse> PredictAsync(string model, IReadOnlyList<EventInput> events, CancellationToken cancellationToken = default) =>
        SendAsync<PredictResponse>(HttpMethod.Post, $"v1/models/{Uri.EscapeDataString(model)}/predict", new { events = events.Select(Wire) }, cancellationToken);

    public Task<PredictResponse> SendEventsAsync(string model, IReadOnlyList<EventInput> events, CancellationToken cancellationToken = default) =>
        SendAsync<PredictResponse>(HttpMethod.Post, $"v1/models/{Uri.EscapeDataString(model)}/events", new { events = events.Select(Wire) }, cancellationToken);

    public Task<LabelsResponse> SendLabelsAsync(string model, IReadOnlyList<LabelInput> labels, CancellationToken cancellationToken = default) =>
        SendAsync<LabelsResponse>(HttpMethod.Post, $"v1/models/{Uri.EscapeDataString(model)}/labels", new { labels }, cancellationToken);

    /// <summary>A batcher that gathers events and labels for one model and sends them by size and by time.</summary>
    public EventBatcher CreateBatcher(string model) => new(this, model);

    private static Dictionary<string, object?> Wire(EventInput e)
    {
        var wire = new Dictionary<string, object?> { ["id"] = e.Id, ["features"] = e.Features };
        if (e.Time is not null)
        {
            wire["time"] = e.Time;
        }

        if (e.Label is not null)
        {
            wire["label"] = e.Label;
        }

        return wire;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        // Serialised once: every attempt sends the same bytes, so the same event ids.
        var payload = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, JsonDefaults.Options);

        var delay = Options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            try
            {
                using var request = new HttpRequestMessage(method, path);
                if (payload is not null)
                {
                    request.Content = new ByteArrayContent(payload);
                    request.Content.Headers.ContentType = new("application/json");
                }

                response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<T>(JsonDefaults.Options, cancellationToken))!;
                }

                if (!IsTransient(response.StatusCode) || attempt >= Options.MaxAttempts)
                {
                    throw new OrleansCtException(response.StatusCode, await ReadProblemAsync(response, cancellationToken));
                }
            }
            catch (HttpRequestException) when (attempt < Options.MaxAttempts)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && attempt < Options.MaxAttempts)
            {
                // HttpClient's own timeout.
            }
            finally
            {
                response?.Dispose();
            }

            await Task.Delay(delay, Options.Time, cancellationToken);
            delay += delay;
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task<ProblemResponse?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemResponse>(JsonDefaults.Options, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
