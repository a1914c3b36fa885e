using OrleansCt.Core.Policy;
using OrleansCt.Core.Schema;

namespace OrleansCt.Grains.Training;

/// <summary>The checks of a policy that Core cannot make (trainers, their options, the gate's metrics): a retrain request's own, under the policy's field names.</summary>
internal static class PolicyChecks
{
    public static RetrainCheck For(ModelSchema schema, TrainingOptions options) => (retrain, gate, _) =>
    {
        var request = new RetrainRequest
        {
            Kind = retrain.Kind.ToString().ToLowerInvariant(),
            Trainer = retrain.Trainer,
            Options = retrain.Options.Count > 0 ? retrain.Options : null,
            Seed = retrain.Seed,
            Gate = gate,
        };
        var (_, errors) = RetrainPlan.Parse(request, schema, options);
        return errors.Select(e => e.Field.StartsWith("gate.", StringComparison.Ordinal) ? e : e with { Field = "retrain." + e.Field });
    };
}
