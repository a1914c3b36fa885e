using System.IO.Hashing;
using System.Text;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Learning;

/// <summary>
/// The input layout of a linear model: numeric features first (one input each), then one block per
/// categorical feature (its categories, or its hash buckets).
/// </summary>
internal sealed class FeatureEncoder
{
    private readonly Dictionary<string, int>?[] _oneHot;
    private readonly string[] _names;

    public FeatureEncoder(ModelSchema schema, ResolvedLearnerOptions options)
    {
        NumericCount = schema.Numeric.Count;
        var categorical = schema.Categorical;
        _oneHot = new Dictionary<string, int>?[categorical.Count];
        _names = new string[categorical.Count];
        Offsets = new int[categorical.Count];
        Sizes = new int[categorical.Count];
        var layout = new StringBuilder();
        layout.Append("v1\u0002").Append(schema.Task).Append('\u0002').Append(schema.PredictionWidth);
        foreach (var feature in schema.Numeric)
        {
            layout.Append("\u0002n\u0001").Append(feature.Name);
        }

        var offset = NumericCount;
        for (var c = 0; c < categorical.Count; c++)
        {
            var feature = categorical[c];
            _names[c] = feature.Name;
            Offsets[c] = offset;
            layout.Append("\u0002c\u0001").Append(feature.Name);
            if (options.Encodings[c] == CategoricalEncoding.OneHot)
            {
                var categories = feature.Categories ?? [];
                var slots = new Dictionary<string, int>(categories.Count, StringComparer.Ordinal);
                foreach (var category in categories)
                {
                    // A repeated category keeps its first slot, so the layout stays the listed order.
                    slots.TryAdd(category, slots.Count);
                    layout.Append('\u0001').Append(category);
                }

                _oneHot[c] = slots;
                Sizes[c] = slots.Count;
            }
            else
            {
                Sizes[c] = options.HashBuckets;
                layout.Append("\u0001#").Append(options.HashBuckets);
            }

            offset += Sizes[c];
        }

        Dimension = offset;
        Fingerprint = unchecked((long)XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(layout.ToString())));
    }

    public int NumericCount { get; }

    public int CategoricalCount => _names.Length;

    /// <summary>Inputs in all.</summary>
    public int Dimension { get; }

    /// <summary>First input of each categorical block.</summary>
    public int[] Offsets { get; }

    public int[] Sizes { get; }

    /// <summary>A hash of the layout (task, width, feature names, categories or buckets): equal layouts can share weights.</summary>
    public long Fingerprint { get; }

    /// <summary>The input a categorical value switches on, or -1 for a missing or unseen value.</summary>
    public int ActiveInput(int c, string? value)
    {
        if (value is null)
        {
            return -1;
        }

        if (_oneHot[c] is { } slots)
        {
            return slots.TryGetValue(value, out var slot) ? Offsets[c] + slot : -1;
        }

        return Offsets[c] + CategoryHash.Bucket(_names[c], value, Sizes[c]);
    }
}
