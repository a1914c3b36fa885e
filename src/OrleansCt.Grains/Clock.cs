namespace OrleansCt.Grains;

/// <summary>
/// The key of the TimeProvider OrleansCt reads wall time from. It is keyed so that tests can fake our time
/// without faking Orleans' own (membership, timers and timeouts also resolve TimeProvider).
/// </summary>
public static class Clock
{
    public const string Key = "orleansct";
}
