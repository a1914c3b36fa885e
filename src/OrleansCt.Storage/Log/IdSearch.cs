namespace OrleansCt.Storage.Log;

/// <summary>Finds hashes in id-index blocks offered newest first, so the first location seen for a hash is its latest.</summary>
internal sealed class IdSearch
{
    private readonly HashSet<ulong> _pending;
    private readonly List<IdLocation> _found = [];

    public IdSearch(IReadOnlyCollection<ulong> hashes)
    {
        _pending = [.. hashes];
    }

    public bool Done => _pending.Count == 0;

    public IReadOnlyList<IdLocation> Found => _found;

    /// <summary>Scans one block; blocks must come in descending sequence order. Returns true once every hash is found.</summary>
    public bool Offer(long sequence, long arrivalUnixMs, ReadOnlySpan<byte> block)
    {
        // Backwards within the block too: when a batch repeats an id, its last position is the latest.
        for (var position = HashBlock.Count(block) - 1; position >= 0 && !Done; position--)
        {
            var hash = HashBlock.At(block, position);
            if (_pending.Remove(hash))
            {
                _found.Add(new IdLocation(hash, sequence, position, arrivalUnixMs));
            }
        }

        return Done;
    }
}
