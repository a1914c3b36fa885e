using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansCt.Hosting.Tests.Infrastructure;

/// <summary>Small helpers to send JSON the way a user would, typed or raw.</summary>
public static class Json
{
    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostRaw(this HttpClient http, string path, string json) => http.PostAsync(path, Raw(json));

    public static Task<HttpResponseMessage> PutRaw(this HttpClient http, string path, string json) => http.PutAsync(path, Raw(json));

    public static async Task<T> Read<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(JsonDefaults.Options))!;

    public static async Task<JsonElement> ReadJson(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
