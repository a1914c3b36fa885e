namespace OrleansCt.Storage;

/// <summary>Names under which the storage registers itself with Orleans.</summary>
public static class StorageNames
{
    /// <summary>The grain storage name to use in <c>[PersistentState(stateName, StorageNames.Grain)]</c>.</summary>
    public const string Grain = "orleansct";

    /// <summary>The same storage under the name Orleans' stream subscriptions look for.</summary>
    public const string PubSub = "PubSubStore";
}
