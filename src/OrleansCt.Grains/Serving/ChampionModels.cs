using System.Collections.Concurrent;
using OrleansCt.Core.Schema;
using OrleansCt.Storage.Artifacts;
using OrleansCt.Training.Artifacts;

namespace OrleansCt.Grains.Serving;

/// <summary>
/// The ML.NET versions loaded on this silo, shared by its ingest and model grains: a zip is read from the artifact store and
/// checked once per model, schema revision and artifact, not once per activation. <see cref="LoadedModel.Score"/> is safe
/// from several threads (each call makes its own cursor), so one loaded model serves every grain on the silo.
/// </summary>
public sealed class ChampionModels(IArtifactStore artifacts)
{
    /// <summary>Loaded models kept at most; beyond it the oldest go (a model needs its champion and, later, its challenger).</summary>
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<string, Lazy<Task<LoadedModel>>> _loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>
    /// The model zip <paramref name="sha256"/> of <paramref name="model"/>, loaded against <paramref name="schema"/> (revision
    /// <paramref name="revision"/>). Throws an <see cref="ArtifactException"/> naming the problem when the bytes are gone or do not load.
    /// </summary>
    public async Task<LoadedModel> GetAsync(string model, int revision, ModelSchema schema, string sha256)
    {
        var key = $"{model}\n{revision}\n{sha256}";
        var created = false;
        var lazy = _loaded.GetOrAdd(key, _ =>
        {
            created = true;
            return new Lazy<Task<LoadedModel>>(() => LoadAsync(model, schema, sha256));
        });
        if (created)
        {
            _order.Enqueue(key);
            Evict(key);
        }

        try
        {
            return await lazy.Value;
        }
        catch
        {
            // A failed load is not kept: the next call tries again (the store may have been unreachable).
            _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<LoadedModel>>>(key, lazy));
            throw;
        }
    }

    private async Task<LoadedModel> LoadAsync(string model, ModelSchema schema, string sha256)
    {
        var artifact = await artifacts.GetAsync(model, ArtifactKey(sha256))
            ?? throw new ArtifactException("artifact", $"the artifact {sha256[..12]}… of model '{model}' is not stored (dropped or never put).");
        return ModelArtifact.Load(artifact.Content, schema, long.MaxValue);
    }

    private void Evict(string keep)
    {
        for (var turns = _order.Count; turns > 0 && _loaded.Count > Capacity && _order.TryDequeue(out var oldest); turns--)
        {
            if (oldest == keep)
            {
                _order.Enqueue(keep);
                continue;
            }

            _loaded.TryRemove(oldest, out _);
        }
    }

    /// <summary>Artifacts are stored under their SHA-256: the same bytes are one artifact, and a put interrupted by a crash is simply put again.</summary>
    public static string ArtifactKey(string sha256) => sha256;
}
