namespace OrleansCt.Storage.Log;

/// <summary>What a log entry holds.</summary>
public enum LogEntryKind : byte
{
    /// <summary>An event batch with its predictions (and labels, for backfill).</summary>
    Events = 1,

    /// <summary>A batch of labels joined to earlier events.</summary>
    Labels = 2,

    /// <summary>A change of definition, schema, reference, policy or champion.</summary>
    Control = 3,
}
