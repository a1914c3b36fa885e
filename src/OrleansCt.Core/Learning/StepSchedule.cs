namespace OrleansCt.Core.Learning;

/// <summary>Step sizes of the global schedules (AdaGrad's per-weight rates live in the learner).</summary>
internal static class StepSchedule
{
    /// <summary>
    /// The first step of scikit-learn's "optimal" schedule: typw = sqrt(1 / sqrt(alpha)), divided by
    /// max(1, dloss(-typw, 1)); for the log, hinge and squared losses that derivative is negative, so it is typw itself.
    /// </summary>
    public static double OptimalFirstStep(double alpha) => Math.Sqrt(1.0 / Math.Sqrt(alpha));

    /// <summary>t0 of the optimal schedule, chosen (as scikit-learn does) so that the step at t = 1 is the first step.</summary>
    public static double OptimalT0(double alpha) => 1.0 / (OptimalFirstStep(alpha) * alpha);

    /// <summary>The step for the t-th update (t = 1 for the first), as scikit-learn's plain SGD counts it.</summary>
    public static double Rate(ResolvedLearnerOptions options, long t) => options.Schedule switch
    {
        LearningSchedule.Optimal => 1.0 / (options.Alpha * (OptimalT0(options.Alpha) + t - 1)),
        LearningSchedule.InvScaling => options.Eta0 / Math.Pow(t, options.PowerT),
        _ => options.Eta0,
    };
}
