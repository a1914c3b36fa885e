using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Tests.Learning;
using OrleansCt.Training.Rows;

namespace OrleansCt.Training.Tests.Support;

/// <summary>Slices of elec2 and housing (file order) as batches and training rows, with their schemas.</summary>
internal static class Datasets
{
    public static IReadOnlyDictionary<string, string> OddNames { get; } = new Dictionary<string, string>
    {
        ["date"] = "date (normalised)",
        ["day"] = "día de la semana",
        ["period"] = "période.½h",
        ["nswprice"] = "nsw price $",
        ["nswdemand"] = "nsw.demand",
        ["vicprice"] = "vic price 価格",
        ["vicdemand"] = "vic demand ∆",
        ["transfer"] = " transfer ",
    };

    public static ModelSchema Elec2Schema { get; } = new(Elec2.Definition(new LearnerSpec()));

    /// <summary>elec2 with every feature renamed to a name a C# property could not have: spaces, dots, accents, other scripts.</summary>
    public static ModelSchema Elec2OddNames { get; } = new(Renamed(Elec2.Definition(new LearnerSpec())));

    public static ModelSchema HousingSchema { get; } = new(Housing.Definition(new LearnerSpec()));

    public static EventBatch Elec2Batch(int start, int count) => Slice(Elec2.Batch, start, count);

    public static EventBatch HousingBatch(int start, int count) => Slice(Housing.Batch, start, count);

    public static TrainingRows Elec2Rows(int start, int count) => TrainingRows.From(Elec2Schema, Elec2Batch(start, count));

    public static TrainingRows HousingRows(int start, int count) => TrainingRows.From(HousingSchema, HousingBatch(start, count));

    private static ModelDefinition Renamed(ModelDefinition definition) =>
        definition with { Features = [.. definition.Features.Select(f => f with { Name = OddNames[f.Name] })] };

    /// <summary>Rows [start, start + count) of a batch, every column copied.</summary>
    public static EventBatch Slice(EventBatch batch, int start, int count) => new()
    {
        Ids = batch.Ids[start..(start + count)],
        Times = batch.Times[start..(start + count)],
        Numeric = [.. batch.Numeric.Select(c => c[start..(start + count)])],
        Categorical = [.. batch.Categorical.Select(c => c[start..(start + count)])],
        Labels = batch.Labels?[start..(start + count)],
    };
}
