namespace OrleansCt.Core.Learning;

/// <summary>The loss an online learner minimises: log (logistic/softmax) or hinge for classes, squared for values.</summary>
public enum LearnerLoss
{
    Log,
    Hinge,
    Squared,
}
