namespace OrleansCt.Abstractions.Models;

/// <summary>How a label batch was taken: joined to a logged prediction, unmatched, or already received.</summary>
[GenerateSerializer, Immutable, Alias("OrleansCt.AppendLabelsResult")]
public sealed record AppendLabelsResult(
    [property: Id(0)] AppendStatus Status,
    [property: Id(1)] int Accepted,
    [property: Id(2)] int Joined,
    [property: Id(3)] int Unmatched,
    [property: Id(4)] int Duplicates);
