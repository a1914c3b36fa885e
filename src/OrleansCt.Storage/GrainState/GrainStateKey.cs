using Orleans.Runtime;

namespace OrleansCt.Storage.GrainState;

/// <summary>The primary key of a grain_state row: the state name with the grain type, and the grain's key.</summary>
internal readonly record struct GrainStateKey(string GrainType, string GrainId)
{
    // The state name goes into the type column so two states of one grain are two rows, as Orleans expects.
    public static GrainStateKey Of(string stateName, GrainId grainId) => new($"{stateName}/{grainId.Type}", grainId.Key.ToString());

    public override string ToString() => $"{GrainType} {GrainId}";
}
