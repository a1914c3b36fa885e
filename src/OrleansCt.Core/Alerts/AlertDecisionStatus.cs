namespace OrleansCt.Core.Alerts;

/// <summary>How a person's action on an alert ended.</summary>
public enum AlertDecisionStatus
{
    Done,

    /// <summary>No alert has that id (or it was dropped with the oldest resolved ones).</summary>
    NotFound,

    /// <summary>The alert's state does not allow the action (acknowledging a resolved alert, resolving twice).</summary>
    Conflict,

    /// <summary>The action lacks what it needs (who did it).</summary>
    Invalid,
}
