namespace OrleansCt.Core.Registry;

/// <summary>Everything a model's registry keeps: its versions in registration order, every committed alias move, and the move under way.</summary>
public sealed record RegistryState
{
    public List<ModelVersion> Versions { get; init; } = [];

    public List<AliasMove> History { get; init; } = [];

    /// <summary>A move requested but not yet in the log; at most one at a time.</summary>
    public AliasMove? Pending { get; set; }

    public long LastMoveId { get; set; }
}
