namespace OrleansCt.Abstractions.Alerts;

/// <summary>How a person's action on an alert ended; the HTTP edge maps it to a status code.</summary>
[GenerateSerializer, Alias("OrleansCt.AlertActionStatus")]
public enum AlertActionStatus
{
    /// <summary>Done (200); the result carries the alert after the action.</summary>
    Done,

    /// <summary>No alert has that id (404).</summary>
    NotFound,

    /// <summary>The alert's state does not allow the action (409).</summary>
    Conflict,

    /// <summary>The action lacks what it needs (400).</summary>
    Invalid,
}
