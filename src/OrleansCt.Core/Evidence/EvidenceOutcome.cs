namespace OrleansCt.Core.Evidence;

/// <summary>What paired evidence says of a challenger at a look.</summary>
public enum EvidenceOutcome
{
    /// <summary>Not decided yet: more labelled events are needed.</summary>
    Collecting,

    /// <summary>Significantly better than the champion on the same events.</summary>
    Promote,

    /// <summary>Significantly worse, or not shown better by the last look (or the maximum duration).</summary>
    Reject,
}
