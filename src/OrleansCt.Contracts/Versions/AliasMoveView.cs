namespace OrleansCt.Contracts;

/// <summary>One alias changing hands: from which log sequence the new holder answers, and why.</summary>
public sealed record AliasMoveView(string Alias, string? Version, string? Previous, long Sequence, double? EventTime, string Reason, string By);
