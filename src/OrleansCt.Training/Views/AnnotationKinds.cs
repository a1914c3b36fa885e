namespace OrleansCt.Training.Views;

/// <summary>ML.NET's well-known annotation kinds (its own constants are internal).</summary>
internal static class AnnotationKinds
{
    /// <summary>The names of a key type's values (on a label, the class names).</summary>
    public const string KeyValues = "KeyValues";

    /// <summary>The names of a vector's slots (on a multiclass Score, the class of each slot).</summary>
    public const string SlotNames = "SlotNames";
}
