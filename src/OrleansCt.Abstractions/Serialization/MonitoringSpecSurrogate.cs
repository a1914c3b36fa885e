using OrleansCt.Core.Schema;

namespace OrleansCt.Abstractions.Serialization;

[GenerateSerializer, Alias("OrleansCt.MonitoringSpec")]
public struct MonitoringSpecSurrogate
{
    [Id(0)] public double? BucketSeconds;
    [Id(1)] public long BucketEvents;
    [Id(2)] public double AllowedLatenessSeconds;
    [Id(3)] public int Ring;
    [Id(4)] public int ReferenceEvents;
    [Id(5)] public int HistogramBins;
    [Id(6)] public int QuantileK;
    [Id(7)] public int CategoryCap;
    [Id(8)] public double FadingFactor;
    [Id(9)] public int AucBins;
    [Id(10)] public DetectorSpec[]? Detectors;

    /// <summary>The DriftSpec as JSON.</summary>
    [Id(11)] public string? DriftJson;
}

[RegisterConverter]
public sealed class MonitoringSpecConverter : IConverter<MonitoringSpec, MonitoringSpecSurrogate>
{
    public MonitoringSpec ConvertFromSurrogate(in MonitoringSpecSurrogate s) => new()
    {
        BucketSeconds = s.BucketSeconds, BucketEvents = s.BucketEvents, AllowedLatenessSeconds = s.AllowedLatenessSeconds, Ring = s.Ring,
        ReferenceEvents = s.ReferenceEvents, HistogramBins = s.HistogramBins, QuantileK = s.QuantileK, CategoryCap = s.CategoryCap,
        FadingFactor = s.FadingFactor, AucBins = s.AucBins, Detectors = s.Detectors ?? [],
        Drift = s.DriftJson is null ? new DriftSpec() : System.Text.Json.JsonSerializer.Deserialize<DriftSpec>(s.DriftJson, JsonDefaults.Options)!,
    };

    public MonitoringSpecSurrogate ConvertToSurrogate(in MonitoringSpec v) => new()
    {
        BucketSeconds = v.BucketSeconds, BucketEvents = v.BucketEvents, AllowedLatenessSeconds = v.AllowedLatenessSeconds, Ring = v.Ring,
        ReferenceEvents = v.ReferenceEvents, HistogramBins = v.HistogramBins, QuantileK = v.QuantileK, CategoryCap = v.CategoryCap,
        FadingFactor = v.FadingFactor, AucBins = v.AucBins, Detectors = [.. v.Detectors],
        DriftJson = System.Text.Json.JsonSerializer.Serialize(v.Drift, JsonDefaults.Options),
    };
}
