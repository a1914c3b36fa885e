using Microsoft.ML;
using Microsoft.ML.Calibrators;

namespace OrleansCt.Training.Artifacts;

/// <summary>
/// A model's transformers taken apart: those before its predictor (the featurisation), and the predictor's parameters —
/// the uncalibrated ones inside a calibrated model; calibrators after the predictor are not part of either.
/// </summary>
internal sealed record ModelParts(IReadOnlyList<ITransformer> Featurizer, object? Parameters)
{
    public static ModelParts Of(ITransformer model)
    {
        var flat = Flatten(model).ToList();
        var index = flat.FindLastIndex(t => t is IPredictionTransformer<object> { Model: not ICalibrator });
        if (index < 0)
        {
            return new ModelParts(flat, null);
        }

        var parameters = ((IPredictionTransformer<object>)flat[index]).Model;
        return new ModelParts(flat[..index], parameters is CalibratedModelParametersBase calibrated ? calibrated.SubModel : parameters);
    }

    /// <summary>Chains nest (a chain appended to a chain); their transformers are taken in order.</summary>
    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];
}
