using System.Security.Cryptography;
using Microsoft.ML;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.Artifacts;

/// <summary>A model as stored: the bytes of an ML.NET model zip (with its input schema), their SHA-256 and size.</summary>
public sealed class ModelArtifact
{
    /// <summary>The size limit <see cref="Load"/> applies unless told otherwise.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    private readonly byte[] _bytes;

    private ModelArtifact(byte[] bytes)
    {
        _bytes = bytes;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>Lowercase hex.</summary>
    public string Sha256 { get; }

    public long Size => _bytes.LongLength;

    /// <summary>An artifact over bytes from elsewhere (a store, an upload); the bytes are copied.</summary>
    public static ModelArtifact From(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    /// <summary>
    /// Loads a model zip — ours or one trained elsewhere that follows the contract — and runs the infrastructure check:
    /// at most <paramref name="maxBytes"/>, a real ML.NET zip with its input schema, every feature an input column of the
    /// contract's type, the task's output columns. Throws an <see cref="ArtifactException"/> naming the zip or the column.
    /// </summary>
    public static LoadedModel Load(ReadOnlySpan<byte> bytes, ModelSchema schema, long maxBytes = DefaultMaxBytes) =>
        ArtifactCheck.Load(bytes, schema, maxBytes);

    public LoadedModel Load(ModelSchema schema) => ArtifactCheck.Load(_bytes, schema, long.MaxValue);

    internal static ModelArtifact Save(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, inputSchema, stream);
        return new ModelArtifact(ArtifactZip.Normalize(stream.ToArray()));
    }
}
