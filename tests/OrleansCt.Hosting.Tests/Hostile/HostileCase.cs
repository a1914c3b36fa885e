using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCt.Hosting.Tests.Hostile;

/// <summary>One line of corpus.jsonl: a request as an attacker or a broken client would send it, and the answer it must get.</summary>
public sealed record HostileCase
{
    public required string Name { get; init; }

    public required string Class { get; init; }

    public required string Method { get; init; }

    /// <summary>The path with {model}, {wide} and {new} standing for the test's models and a name never registered.</summary>
    public required string Path { get; init; }

    public string? ContentType { get; init; }

    public string? Body { get; init; }

    public string? Base64 { get; init; }

    /// <summary>A big body as [text, times] parts, written out only when the case is sent.</summary>
    public IReadOnlyList<JsonElement[]>? Gen { get; init; }

    public bool Chunked { get; init; }

    /// <summary>Answered by Kestrel before the app runs, so without a problem body (only a NUL in the path).</summary>
    public bool Bare { get; init; }

    public required int Status { get; init; }

    /// <summary>A substring of some error's field; empty when the problem need not name one (framework answers, conflicts).</summary>
    public required string Field { get; init; }

    [JsonIgnore]
    public bool HasBody => Body is not null || Base64 is not null || Gen is not null;

    public static IReadOnlyList<HostileCase> Load(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<HostileCase>(l, JsonDefaults.Options)!)];

    public byte[] BodyBytes()
    {
        if (Base64 is not null)
        {
            return Convert.FromBase64String(Base64);
        }

        if (Gen is null)
        {
            return Encoding.UTF8.GetBytes(Body ?? string.Empty);
        }

        using var body = new MemoryStream();
        foreach (var part in Gen)
        {
            var bytes = Encoding.UTF8.GetBytes(part[0].GetString()!);
            for (var i = part[1].GetInt32(); i > 0; i--)
            {
                body.Write(bytes);
            }
        }

        return body.ToArray();
    }
}
