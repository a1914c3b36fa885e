using OrleansCt.Core.Events;

namespace OrleansCt.Abstractions.Serialization;

/// <summary>
/// An event batch on the wire and in the log: the columns as raw bytes (ids 7–12, see <see cref="RawColumns"/>). Ids 0–4 are
/// the first layout (one tagged field per value); they are still read, so entries logged before stay readable, and no longer written.
/// </summary>
[GenerateSerializer, Alias("OrleansCt.EventBatch")]
public struct EventBatchSurrogate
{
    [Id(0)] public string[]? Ids;
    [Id(1)] public double[]? Times;
    [Id(2)] public double[][]? Numeric;
    [Id(3)] public string?[][]? Categorical;
    [Id(4)] public double[]? Labels;
    [Id(5)] public string[]? NewFeatureNames;
    [Id(6)] public long[]? NewFeatureCounts;
    [Id(7)] public int Count;
    [Id(8)] public byte[]? IdBytes;
    [Id(9)] public byte[]? TimeBytes;
    [Id(10)] public int NumericColumns;
    [Id(11)] public byte[]? NumericBytes;
    [Id(12)] public string[][]? CategoryDictionaries;
    [Id(13)] public byte[]? CategoryCodes;
    [Id(14)] public byte[]? LabelBytes;
}

[RegisterConverter]
public sealed class EventBatchConverter : IConverter<EventBatch, EventBatchSurrogate>
{
    public EventBatch ConvertFromSurrogate(in EventBatchSurrogate s)
    {
        var newFeatures = s.NewFeatureNames?.Zip(s.NewFeatureCounts ?? []).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        if (s.IdBytes is null)
        {
            return new EventBatch
            {
                Ids = s.Ids ?? [], Times = s.Times ?? [], Numeric = s.Numeric ?? [], Categorical = s.Categorical ?? [], Labels = s.Labels,
                NewFeatures = newFeatures,
            };
        }

        var rows = s.Count;
        return new EventBatch
        {
            Ids = RawColumns.UnpackStrings(s.IdBytes, rows),
            Times = RawColumns.UnpackDoubles(s.TimeBytes ?? []),
            Numeric = RawColumns.UnpackColumns(s.NumericBytes ?? [], s.NumericColumns, rows),
            Categorical = RawColumns.UnpackCategorical(s.CategoryDictionaries ?? [], s.CategoryCodes ?? [], rows),
            Labels = s.LabelBytes is { } labels ? RawColumns.UnpackDoubles(labels) : null,
            NewFeatures = newFeatures,
        };
    }

    public EventBatchSurrogate ConvertToSurrogate(in EventBatch v)
    {
        var (dictionaries, codes) = RawColumns.Pack(v.Categorical, v.Count);
        return new EventBatchSurrogate
        {
            Count = v.Count,
            IdBytes = RawColumns.Pack(v.Ids),
            TimeBytes = RawColumns.Pack(v.Times),
            NumericColumns = v.Numeric.Length,
            NumericBytes = RawColumns.Pack(v.Numeric, v.Count),
            CategoryDictionaries = dictionaries,
            CategoryCodes = codes,
            LabelBytes = v.Labels is { } labels ? RawColumns.Pack(labels) : null,
            NewFeatureNames = v.NewFeatures?.Keys.ToArray(),
            NewFeatureCounts = v.NewFeatures?.Values.ToArray(),
        };
    }
}
