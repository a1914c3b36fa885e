using Microsoft.ML;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.Tests.Support;

/// <summary>A tiny binary schema (a, b numeric; c categorical) and models for it built with plain ML.NET, as a user would.</summary>
internal static class Tiny
{
    public static ModelSchema Schema { get; } = new(new ModelDefinition
    {
        Task = ModelTask.Binary,
        Target = "y",
        Classes = ["no", "yes"],
        Features =
        [
            new FeatureSpec { Name = "a", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "b", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "c", Type = FeatureType.Categorical },
        ],
    });

    /// <summary>200 rows; the label is a + b > 1.</summary>
    public static TinyRow[] Rows()
    {
        var random = new Random(5);
        return [.. Enumerable.Range(0, 200).Select(i =>
        {
            var (a, b) = ((float)random.NextDouble(), (float)random.NextDouble());
            return new TinyRow { A = a, B = b, C = i % 2 == 0 ? "p" : "q", Label = a + b > 1 };
        })];
    }

    /// <summary>The zip of <paramref name="pipeline"/> fitted on <paramref name="data"/>, saved with the data's schema.</summary>
    public static byte[] Save(MLContext ml, IEstimator<ITransformer> pipeline, IDataView data)
    {
        var model = pipeline.Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        return stream.ToArray();
    }

    /// <summary>One-hot c, concatenate a, b, c, then <paramref name="trainer"/>.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, IEstimator<ITransformer> trainer) =>
        ml.Transforms.Categorical.OneHotEncoding("c")
            .Append(ml.Transforms.Concatenate("Features", "a", "b", "c"))
            .Append(trainer);
}
