using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OrleansCt.Core.Hashing;

/// <summary>
/// The 64-bit fingerprint of a batch: XxHash3 of its id hashes in order, seeded per kind of batch. A retried request carries
/// the same ids in the same order, so its fingerprint finds the entry that stored it, however many ids came in between.
/// </summary>
public static class BatchFingerprint
{
    private const long EventsSeed = 0x4F43_4576;
    private const long LabelsSeed = 0x4F43_4C62;

    /// <summary>The fingerprint of an event batch from its event id hashes (<see cref="EventIdHash"/>).</summary>
    public static ulong OfEvents(ReadOnlySpan<ulong> idHashes) => Of(idHashes, EventsSeed);

    /// <summary>The fingerprint of a label batch from its label id hashes (<see cref="LabelIdHash"/>).</summary>
    public static ulong OfLabels(ReadOnlySpan<ulong> idHashes) => Of(idHashes, LabelsSeed);

    // 0 means "no fingerprint" in the log, so a hash of 0 (one chance in 2^64) becomes 1.
    private static ulong Of(ReadOnlySpan<ulong> idHashes, long seed) =>
        Math.Max(1UL, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(idHashes), seed));
}
