using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.Trainers;

/// <summary>
/// The contract's featurisation: each categorical column one-hot encoded in place (an unseen, empty or missing category
/// encodes as all zeros), then every feature concatenated into <see cref="ContractColumns.Features"/> (numeric first, in the
/// schema's order), then as the trainer needs: NaN replaced by the training mean of its slot, and min-max scaling.
/// </summary>
internal static class Featurizer
{
    public static IEstimator<ITransformer> For(MLContext ml, ModelSchema schema, TrainerPlan plan)
    {
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        foreach (var feature in schema.Categorical)
        {
            chain = chain.Append(ml.Transforms.Categorical.OneHotEncoding(feature.Name, feature.Name));
        }

        string[] inputs = [.. schema.Numeric.Select(f => f.Name), .. schema.Categorical.Select(f => f.Name)];
        chain = chain.Append(ml.Transforms.Concatenate(ContractColumns.Features, inputs));
        if (plan.ImputesMissing)
        {
            chain = chain.Append(ml.Transforms.ReplaceMissingValues(ContractColumns.Features, replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean));
        }

        if (plan.Scales)
        {
            chain = chain.Append(ml.Transforms.NormalizeMinMax(ContractColumns.Features));
        }

        return chain;
    }
}
