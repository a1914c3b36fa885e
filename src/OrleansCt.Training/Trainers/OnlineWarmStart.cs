using Microsoft.ML;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.Trainers;

/// <summary>
/// A warm start from the online learner (version 1): its function over raw inputs (<see cref="OnlineLearner.RawLinear"/>) written over a
/// featurisation fitted on the training rows. A slot holding (x − o)·s of a raw input the learner weighs a gets a/s, and the bias a·o;
/// a category's one-hot slot gets the learner's weight of that category (its one-hot input or hash bucket); a category the training
/// rows lack has no slot, so it weighs nothing until it is seen, as for any ML.NET model.
/// </summary>
internal static class OnlineWarmStart
{
    /// <summary>
    /// The learner in <paramref name="state"/>. Throws <see cref="TrainerSpecException"/> naming "trainer" when the trainer cannot start
    /// from it, and <see cref="ArgumentException"/> when the state was not learned under this schema.
    /// </summary>
    public static OnlineLearner Learner(LearnerState state, TrainerSpec spec, ModelSchema schema)
    {
        var task = schema.Task;
        if (!spec.WarmStarts(task) || (spec.Kind == TrainerKind.Lbfgs && task == ModelTask.Regression))
        {
            throw new TrainerSpecException(
                "trainer",
                $"trainer {spec.Kind} cannot warm-start a {task.ToString().ToLowerInvariant()} model from the online learner; it takes Lbfgs, AveragedPerceptron or LinearSvm (binary) or OnlineGradientDescent (regression; L-BFGS regression is Poisson, whose exp link the learner's linear output does not have).");
        }

        return OnlineLearner.Restore(schema, state);
    }

    /// <summary>The learner's parameters over <paramref name="featurizer"/>'s feature vector, with that featurizer kept as fitted.</summary>
    public static WarmStart Map(MLContext ml, ITransformer featurizer, DataViewSchema input, ModelSchema schema, OnlineLearner learner)
    {
        var slots = FittedFeatures.Of(featurizer, input, schema);
        var form = learner.RawLinear();
        var raw = new double[slots.Length];
        for (var j = 0; j < form.NumericWeights.Count; j++)
        {
            raw[j] = form.NumericWeights[j];
        }

        for (var c = 0; c < slots.Categories.Count; c++)
        {
            for (var k = 0; k < slots.Categories[c].Count; k++)
            {
                raw[slots.CategoryOffsets[c] + k] = learner.CategoryWeight(c, slots.Categories[c][k]);
            }
        }

        // ML.NET's binary score speaks for the positive class, the learner's margin for class index 1.
        var factor = schema.Task == ModelTask.Binary ? (schema.PositiveClassIndex == 1 ? 1.0 : -1.0) : form.OutputScale;
        var bias = form.Intercept;
        var weights = new float[slots.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            // A slot scaled by 0 holds 0 whatever the input: there is nothing to weigh.
            if (raw[i] == 0 || slots.Scale[i] == 0 || !float.IsFinite(slots.Scale[i]))
            {
                continue;
            }

            weights[i] = (float)(factor * raw[i] / slots.Scale[i]);
            bias += raw[i] * slots.Offset[i];
        }

        var offset = (float)(form.OutputShift + (factor * bias));
        var parameters = schema.Task == ModelTask.Binary
            ? LinearParametersFactory.Binary(ml, weights, offset)
            : LinearParametersFactory.Regression(ml, weights, offset);
        return new WarmStart(featurizer, parameters);
    }
}
