namespace OrleansCt.Core.Learning;

/// <summary>How the step size of an online learner changes with the number of updates t.</summary>
public enum LearningSchedule
{
    /// <summary>eta = eta0.</summary>
    Constant,

    /// <summary>eta = eta0 / t^powerT.</summary>
    InvScaling,

    /// <summary>scikit-learn's "optimal": eta = 1 / (alpha (t0 + t - 1)), t0 chosen so that the first step is 1/sqrt(sqrt(alpha)).</summary>
    Optimal,

    /// <summary>Per-weight rates eta0 / sqrt(eps + sum of squared gradients).</summary>
    AdaGrad,
}
