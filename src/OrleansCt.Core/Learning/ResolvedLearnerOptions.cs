namespace OrleansCt.Core.Learning;

/// <summary>The options an online learner really runs with, after defaults are filled in.</summary>
/// <param name="Loss">learner.loss.</param>
/// <param name="Schedule">learner.schedule.</param>
/// <param name="Eta0">learner.learningRate; under the optimal schedule, the first step it implies (1/sqrt(sqrt(alpha))).</param>
/// <param name="Alpha">learner.l2: the L2 penalty on weights (never on intercepts).</param>
/// <param name="PowerT">learner.powerT: exponent of the inverse-scaling schedule.</param>
/// <param name="Standardize">learner.standardize: standardise numeric features online and, for regression, the target.</param>
/// <param name="Encodings">Encoding of each categorical feature, in the schema's categorical order.</param>
/// <param name="HashBuckets">learner.hashBuckets: inputs per hashed categorical feature.</param>
public sealed record ResolvedLearnerOptions(
    LearnerLoss Loss,
    LearningSchedule Schedule,
    double Eta0,
    double Alpha,
    double PowerT,
    bool Standardize,
    IReadOnlyList<CategoricalEncoding> Encodings,
    int HashBuckets);
