namespace OrleansCt.Core.Policy;

/// <summary>What a retrain trains: anew, from the champion's linear parameters, or the online learner as the candidate.</summary>
public enum RetrainKind
{
    Scratch,
    Warm,
    Online,
}
