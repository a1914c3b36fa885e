namespace OrleansCt.Core.Registry;

/// <summary>
/// One alias changing hands. A move is requested first and committed once the model's log holds its control entry: from
/// <see cref="Sequence"/> on, the new holder answers. <see cref="Version"/> null: the alias was cleared.
/// </summary>
public sealed record AliasMove(long Id, string Alias, string? Version, string? Previous, string Reason, string By)
{
    /// <summary>The log sequence of the control entry; null while the move is requested but not committed.</summary>
    public long? Sequence { get; init; }

    /// <summary>The event time the move took effect at (the log's, at its control entry); null at a model's registration, which has none.</summary>
    public double? EventTime { get; init; }

    /// <summary>Whether drift is measured against the new holder's training window from its control entry on.</summary>
    public bool SwitchReference { get; init; }

    public bool Committed => Sequence is not null;
}
