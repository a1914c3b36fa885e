using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Learning;

/// <summary>Checks a model's <see cref="LearnerSpec"/> and fills in the defaults the online learner runs with.</summary>
public static class LearnerOptionsResolver
{
    // Defaults measured on elec2 and housing (see OnlineLearner's remarks and the report in Elec2PrequentialTests):
    // classification takes scikit-learn's SGDClassifier schedule (alpha 1e-4, "optimal") with log loss so that
    // probabilities mean something; regression a gently decaying rate, made safe by the normalised squared-loss step.
    public const double DefaultAlpha = 1e-4;
    public const double DefaultEta0 = 0.1;

    // AdaGrad's rates already shrink like 1/sqrt(t), so it starts higher to keep up with a drifting stream.
    public const double DefaultAdaGradEta0 = 0.5;
    public const double DefaultPowerT = 0.25;

    // Far more inputs than a linear model on one feature can use; it also bounds the weight arrays.
    public const int MaxHashBuckets = 1 << 20;

    /// <summary>The effective options; throws <see cref="ArgumentException"/> listing every invalid field.</summary>
    public static ResolvedLearnerOptions Resolve(ModelSchema schema)
    {
        var errors = Validate(schema.Definition);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "Invalid learner options: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
                nameof(schema));
        }

        var definition = schema.Definition;
        var spec = definition.Learner;
        var regression = definition.Task == ModelTask.Regression;
        var loss = ParseLoss(spec.Loss) ?? (regression ? LearnerLoss.Squared : LearnerLoss.Logistic);
        var schedule = ParseSchedule(spec.Schedule) ?? DefaultSchedule(definition.Task, spec);
        var alpha = spec.L2 ?? DefaultAlpha;
        var eta0 = schedule switch
        {
            LearningSchedule.Optimal => StepSchedule.OptimalFirstStep(alpha),
            LearningSchedule.AdaGrad => spec.LearningRate ?? DefaultAdaGradEta0,
            _ => spec.LearningRate ?? DefaultEta0,
        };
        var powerT = spec.PowerT ?? DefaultPowerT;
        var encodings = schema.Categorical.Select(f => ResolveEncoding(ParseEncoding(spec.Encoding), f)).ToArray();
        return new ResolvedLearnerOptions(loss, schedule, eta0, alpha, powerT, spec.Standardize, encodings, spec.HashBuckets);
    }

    /// <summary>Every problem with the learner options of a definition, as (field, message); empty when valid.</summary>
    public static IReadOnlyList<(string Field, string Message)> Validate(ModelDefinition definition)
    {
        var errors = new List<(string Field, string Message)>();
        var spec = definition.Learner;
        var regression = definition.Task == ModelTask.Regression;

        if (!string.Equals(spec.Kind, "sgd", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(("learner.kind", $"unknown learner kind '{spec.Kind}'; use \"sgd\"."));
        }

        if (spec.Loss is not null)
        {
            var loss = ParseLoss(spec.Loss);
            if (loss is null)
            {
                errors.Add(("learner.loss", $"unknown loss '{spec.Loss}'; use \"log\" or \"hinge\" for classification, \"squared\" for regression."));
            }
            else if (regression && loss != LearnerLoss.Squared)
            {
                errors.Add(("learner.loss", $"loss '{spec.Loss}' is for classification; a regression model uses \"squared\"."));
            }
            else if (!regression && loss == LearnerLoss.Squared)
            {
                errors.Add(("learner.loss", "loss \"squared\" is for regression; a classification model uses \"log\" or \"hinge\"."));
            }
        }

        var schedule = ParseSchedule(spec.Schedule);
        if (spec.Schedule is not null && schedule is null)
        {
            errors.Add(("learner.schedule", $"unknown schedule '{spec.Schedule}'; use \"constant\", \"invscaling\", \"optimal\" or \"adagrad\"."));
        }

        var optimal = (spec.Schedule is null ? DefaultSchedule(definition.Task, spec) : schedule) == LearningSchedule.Optimal;
        if (spec.LearningRate is { } rate)
        {
            if (optimal)
            {
                errors.Add(("learner.learningRate", "the optimal schedule sets its own rate from learner.l2; leave learningRate out or choose \"constant\", \"invscaling\" or \"adagrad\"."));
            }
            else if (!double.IsFinite(rate) || rate <= 0)
            {
                errors.Add(("learner.learningRate", $"must be a positive number, got {rate}."));
            }
        }

        if (spec.L2 is { } l2)
        {
            if (!double.IsFinite(l2) || l2 < 0)
            {
                errors.Add(("learner.l2", $"must be zero or a positive number, got {l2}."));
            }
            else if (optimal && l2 == 0)
            {
                errors.Add(("learner.l2", "the optimal schedule divides by l2, so it must be positive (e.g. 0.0001); or choose another schedule."));
            }
        }

        if (spec.PowerT is { } powerT && (!double.IsFinite(powerT) || powerT < 0))
        {
            errors.Add(("learner.powerT", $"must be zero or a positive number, got {powerT}."));
        }

        var encoding = ParseEncoding(spec.Encoding);
        if (spec.Encoding is not null && encoding is null)
        {
            errors.Add(("learner.encoding", $"unknown encoding '{spec.Encoding}'; use \"onehot\" or \"hashed\"."));
        }

        var categorical = definition.Features.Where(f => f.Type == FeatureType.Categorical).ToArray();
        if (encoding == CategoricalEncoding.OneHot)
        {
            foreach (var feature in categorical.Where(f => f.Categories is null or { Count: 0 }))
            {
                errors.Add(("learner.encoding", $"one-hot needs the categories of feature '{feature.Name}'; list them or use \"hashed\"."));
            }
        }

        var hashed = categorical.Any(f => ResolveEncoding(encoding, f) == CategoricalEncoding.Hashed);
        if (hashed && (spec.HashBuckets < 1 || spec.HashBuckets > MaxHashBuckets))
        {
            errors.Add(("learner.hashBuckets", $"must be between 1 and {MaxHashBuckets}, got {spec.HashBuckets}."));
        }

        return errors;
    }

    /// <summary>The canonical name of a loss, as a LearnerSpec spells it.</summary>
    public static string Name(LearnerLoss loss) => loss switch
    {
        LearnerLoss.Logistic => "log",
        LearnerLoss.Hinge => "hinge",
        _ => "squared",
    };

    /// <summary>The canonical name of a schedule, as a LearnerSpec spells it.</summary>
    public static string Name(LearningSchedule schedule) => schedule switch
    {
        LearningSchedule.Constant => "constant",
        LearningSchedule.InvScaling => "invscaling",
        LearningSchedule.Optimal => "optimal",
        _ => "adagrad",
    };

    /// <summary>
    /// Without a schedule: "optimal" for classification, "invscaling" for regression — but a learning rate given
    /// without a schedule means that rate is wanted as it is ("constant"), and so does an L2 of 0, which "optimal"
    /// cannot divide by.
    /// </summary>
    private static LearningSchedule DefaultSchedule(ModelTask task, LearnerSpec spec) =>
        task == ModelTask.Regression ? LearningSchedule.InvScaling
        : spec.LearningRate is not null || spec.L2 == 0 ? LearningSchedule.Constant
        : LearningSchedule.Optimal;

    private static CategoricalEncoding ResolveEncoding(CategoricalEncoding? encoding, FeatureSpec feature) =>
        encoding ?? (feature.Categories is { Count: > 0 } ? CategoricalEncoding.OneHot : CategoricalEncoding.Hashed);

    private static LearnerLoss? ParseLoss(string? value) => value?.ToLowerInvariant() switch
    {
        "log" => LearnerLoss.Logistic,
        "hinge" => LearnerLoss.Hinge,
        "squared" => LearnerLoss.Squared,
        _ => null,
    };

    private static LearningSchedule? ParseSchedule(string? value) => value?.ToLowerInvariant() switch
    {
        "constant" => LearningSchedule.Constant,
        "invscaling" => LearningSchedule.InvScaling,
        "optimal" => LearningSchedule.Optimal,
        "adagrad" => LearningSchedule.AdaGrad,
        _ => null,
    };

    private static CategoricalEncoding? ParseEncoding(string? value) => value?.ToLowerInvariant() switch
    {
        "onehot" => CategoricalEncoding.OneHot,
        "hashed" => CategoricalEncoding.Hashed,
        _ => null,
    };
}
