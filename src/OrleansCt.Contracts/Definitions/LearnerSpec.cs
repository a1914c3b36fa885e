namespace OrleansCt.Contracts;

/// <summary>Options of the online learner that a model starts with (version 1).</summary>
public sealed record LearnerSpec
{
    /// <summary>Learner family; only "sgd" exists today.</summary>
    public string Kind { get; init; } = "sgd";

    /// <summary>"log" or "hinge" for classification, "squared" for regression; null picks the task's default.</summary>
    public string? Loss { get; init; }

    /// <summary>"constant", "invscaling", "optimal" or "adagrad"; null picks the default.</summary>
    public string? Schedule { get; init; }

    /// <summary>Base step size (eta0); null picks the schedule's default.</summary>
    public double? LearningRate { get; init; }

    /// <summary>L2 penalty (alpha); null picks the default.</summary>
    public double? L2 { get; init; }

    /// <summary>Exponent of the inverse-scaling schedule; null picks the default.</summary>
    public double? PowerT { get; init; }

    /// <summary>Standardise numeric features online (running mean and variance).</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>"onehot" or "hashed" for categorical features; null: one-hot when the categories are listed, hashed otherwise.</summary>
    public string? Encoding { get; init; }

    /// <summary>Buckets per hashed categorical feature.</summary>
    public int HashBuckets { get; init; } = 32;
}
