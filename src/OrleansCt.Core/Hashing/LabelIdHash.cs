namespace OrleansCt.Core.Hashing;

/// <summary>
/// The hash under which a label entry indexes an event id: the event's hash in another domain, so one id index
/// answers both "was this event logged" and "was this event already labelled".
/// </summary>
public static class LabelIdHash
{
    private const ulong Domain = 0x9E3779B97F4A7C15UL;

    public static ulong Of(string id) => EventIdHash.Of(id) ^ Domain;

    public static ulong[] Of(IReadOnlyList<string> ids)
    {
        var hashes = new ulong[ids.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = Of(ids[i]);
        }

        return hashes;
    }
}
