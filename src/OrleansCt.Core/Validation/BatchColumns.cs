using System.Text.Json;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>The columns of a batch being read, pre-filled with "missing".</summary>
internal sealed class BatchColumns
{
    private readonly Dictionary<string, int> _idIndex = new(StringComparer.Ordinal);

    public BatchColumns(ModelSchema schema, int count, bool withLabels)
    {
        Ids = new string[count];
        Times = new double[count];
        Numeric = new double[schema.Numeric.Count][];
        for (var c = 0; c < Numeric.Length; c++)
        {
            Numeric[c] = new double[count];
            Array.Fill(Numeric[c], double.NaN);
        }

        Categorical = new string?[schema.Categorical.Count][];
        for (var c = 0; c < Categorical.Length; c++)
        {
            Categorical[c] = new string?[count];
        }

        if (withLabels)
        {
            Labels = new double[count];
            Array.Fill(Labels, double.NaN);
        }
    }

    public string[] Ids { get; }

    public double[] Times { get; }

    public double[][] Numeric { get; }

    public string?[][] Categorical { get; }

    public double[]? Labels { get; }

    /// <summary>Unknown features counted instead of rejected (validation.onSchemaChange = "count").</summary>
    public Dictionary<string, long>? NewFeatures { get; private set; }

    public void CountNewFeature(string name)
    {
        NewFeatures ??= new Dictionary<string, long>(StringComparer.Ordinal);
        NewFeatures[name] = NewFeatures.GetValueOrDefault(name) + 1;
    }

    public void ReadId(JsonElement value, int index, FieldPath at, ErrorList errors)
    {
        if (IdReader.TryRead(value, at.With("id"), errors, out var id))
        {
            if (_idIndex.TryGetValue(id, out var first))
            {
                errors.Add(at.With("id"), $"'{id}' is also the id of event {first}; ids must be unique within a batch");
                return;
            }

            _idIndex[id] = index;
            Ids[index] = id;
        }
    }

    public EventBatch ToBatch() => new()
    {
        Ids = Ids,
        Times = Times,
        Numeric = Numeric,
        Categorical = Categorical,
        Labels = Labels is not null && Labels.Any(l => !double.IsNaN(l)) ? Labels : null,
        NewFeatures = NewFeatures,
    };
}
