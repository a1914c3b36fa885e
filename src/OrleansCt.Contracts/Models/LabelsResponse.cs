namespace OrleansCt.Contracts;

/// <summary>The answer to labels: how many were accepted, joined to a prediction, unmatched, or already received.</summary>
public sealed record LabelsResponse(int Accepted, int Joined, int Unmatched, int Duplicates);
