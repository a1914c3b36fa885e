using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.Trainers;

/// <summary>
/// Where each input lands in a fitted featurisation's <see cref="ContractColumns.Features"/> vector and how it is scaled there:
/// numeric feature j at slot j, categorical feature c's one-hot slots from CategoryOffsets[c] in the order of Categories[c] (ML.NET's
/// key values, in order of appearance in the training rows), and slot i's value (x − Offset[i])·Scale[i] (1 and 0 without scaling).
/// </summary>
internal sealed record FittedFeatures(int Length, IReadOnlyList<int> CategoryOffsets, IReadOnlyList<IReadOnlyList<string>> Categories, float[] Scale, float[] Offset)
{
    public static FittedFeatures Of(ITransformer featurizer, DataViewSchema input, ModelSchema schema)
    {
        var output = featurizer.GetOutputSchema(input);
        var length = Width(output[ContractColumns.Features].Type);
        var offsets = new int[schema.Categorical.Count];
        var categories = new IReadOnlyList<string>[schema.Categorical.Count];
        var slot = schema.Numeric.Count;
        for (var c = 0; c < categories.Length; c++)
        {
            var column = output[schema.Categorical[c].Name];
            var names = default(VBuffer<ReadOnlyMemory<char>>);
            column.GetSlotNames(ref names);
            categories[c] = [.. names.DenseValues().Select(n => n.ToString())];
            offsets[c] = slot;
            slot += Width(column.Type);
        }

        if (slot != length)
        {
            throw new InvalidOperationException($"the featurisation's {ContractColumns.Features} has {length} slots, but its inputs account for {slot}.");
        }

        var (scale, offset) = Affine(featurizer, length);
        return new FittedFeatures(length, offsets, categories, scale, offset);
    }

    /// <summary>The min-max scaling's per-slot scale and offset: ML.NET's defaults (fixZero) leave the offsets empty, that is 0.</summary>
    private static (float[] Scale, float[] Offset) Affine(ITransformer featurizer, int length)
    {
        var scale = Enumerable.Repeat(1f, length).ToArray();
        var offset = new float[length];
        var normalizer = Flatten(featurizer).OfType<NormalizingTransformer>().SingleOrDefault();
        if (normalizer is null)
        {
            return (scale, offset);
        }

        if (normalizer.GetNormalizerModelParameters(0) is not NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine)
        {
            throw new InvalidOperationException($"the featurisation scales {ContractColumns.Features} with a normaliser that is not affine.");
        }

        affine.Scale.CopyTo(scale);
        if (!affine.Offset.IsDefaultOrEmpty)
        {
            affine.Offset.CopyTo(offset);
        }

        return (scale, offset);
    }

    private static int Width(DataViewType type) => type is VectorDataViewType vector ? vector.Size : 1;

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];
}
