using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>Small schemas and one-row batches for the learner tests.</summary>
internal static class Rows
{
    public static ModelSchema Schema(
        ModelTask task,
        LearnerSpec learner,
        string[]? numeric = null,
        (string Name, string[]? Categories)[]? categorical = null,
        string[]? classes = null) => new(new ModelDefinition
        {
            Task = task,
            Target = "y",
            Classes = classes ?? (task switch
            {
                ModelTask.Binary => ["no", "yes"],
                ModelTask.Multiclass => ["a", "b", "c"],
                _ => [],
            }),
            Features =
            [
                .. (numeric ?? ["a", "b"]).Select(n => new FeatureSpec { Name = n, Type = FeatureType.Numeric }),
                .. (categorical ?? []).Select(c => new FeatureSpec { Name = c.Name, Type = FeatureType.Categorical, Categories = c.Categories }),
            ],
            Learner = learner,
        });

    public static EventBatch Of(double[] numeric, params string?[] categorical) => new()
    {
        Ids = ["r"],
        Times = [0],
        Numeric = numeric.Select(v => new[] { v }).ToArray(),
        Categorical = categorical.Select(v => new[] { v }).ToArray(),
    };

    public static EventBatch Of(params double[] numeric) => Of(numeric, []);

    public static void Learn(this OnlineLearner learner, double label, double[] numeric, params string?[] categorical) =>
        learner.Learn(Of(numeric, categorical), 0, label);

    public static double[] Predict(this OnlineLearner learner, int width, double[] numeric, params string?[] categorical)
    {
        var output = new double[width];
        learner.Predict(Of(numeric, categorical), 0, output);
        return output;
    }

    public static double Sigmoid(double m) => 1.0 / (1.0 + Math.Exp(-m));

    public static void AssertState(OnlineLearner learner, double[] weights, double[] intercepts, double tolerance)
    {
        var state = learner.ExportState();
        Assert.Equal(weights.Length, state.Weights.Length);
        for (var i = 0; i < weights.Length; i++)
        {
            Assert.Equal(weights[i], state.Weights[i], tolerance);
        }

        Assert.Equal(intercepts.Length, state.Intercepts.Length);
        for (var i = 0; i < intercepts.Length; i++)
        {
            Assert.Equal(intercepts[i], state.Intercepts[i], tolerance);
        }
    }
}
