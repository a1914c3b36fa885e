namespace OrleansCt.Storage.GrainState;

/// <summary>
/// What a backend does to grain_state rows for <see cref="GrainStateStorage"/>; each conditional write reports whether it
/// applied, and the storage turns a refusal into the conflict.
/// </summary>
internal interface IGrainStateRows
{
    Task<GrainStateRow?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken);

    /// <summary>Inserts the row at ETag 1; false when a row (cleared or not) already exists.</summary>
    Task<bool> InsertIfAbsentAsync(GrainStateKey key, byte[] payload, CancellationToken cancellationToken);

    /// <summary>Replaces the payload and moves the ETag on by one; false when the stored ETag is not <paramref name="etag"/>.</summary>
    Task<bool> UpdateIfMatchAsync(GrainStateKey key, long etag, byte[] payload, CancellationToken cancellationToken);

    /// <summary>Clears the payload (the row stays) and moves the ETag on by one; false when the stored ETag is not <paramref name="etag"/>.</summary>
    Task<bool> ClearIfMatchAsync(GrainStateKey key, long etag, CancellationToken cancellationToken);
}
