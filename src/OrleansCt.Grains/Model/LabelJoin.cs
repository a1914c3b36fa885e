namespace OrleansCt.Grains.Model;

/// <summary>The event sequences a label entry records for labels that did not join an event.</summary>
internal static class LabelJoin
{
    /// <summary>No logged event has the label's id.</summary>
    public const long Unmatched = 0;

    /// <summary>The id was already labelled within the dedup horizon; the label is not counted again.</summary>
    public const long Duplicate = -1;
}
