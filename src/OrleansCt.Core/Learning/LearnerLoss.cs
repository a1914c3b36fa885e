namespace OrleansCt.Core.Learning;

/// <summary>The loss an online learner minimises: logistic (softmax for several classes) or hinge for classes, squared for values.</summary>
/// <remarks>The definition names the logistic loss "log", as scikit-learn's SGDClassifier did; in code "log" is the event log.</remarks>
public enum LearnerLoss
{
    Logistic,
    Hinge,
    Squared,
}
