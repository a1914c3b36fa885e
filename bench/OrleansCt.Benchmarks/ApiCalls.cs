using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrleansCt.Benchmarks;

/// <summary>The plain HTTP calls of the scenarios that drive the API: a body sent or read, and any failure thrown with its status and body.</summary>
public static class ApiCalls
{
    public static async Task<JsonDocument> GetJsonAsync(HttpClient http, string url) => JsonDocument.Parse(await GetTextAsync(http, url));

    public static async Task<string> GetTextAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {body}");
    }

    public static async Task SendAsync(HttpClient http, HttpMethod method, string url, string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
