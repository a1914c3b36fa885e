namespace OrleansCt.Storage.Log;

/// <summary>Thrown when an append finds its (model, sequence) already taken: another writer got there first.</summary>
public sealed class LogConflictException(string model, long sequence)
    : Exception($"The log of model '{model}' already has an entry at sequence {sequence}; another writer appended it.")
{
    public string Model { get; } = model;

    public long Sequence { get; } = sequence;
}
